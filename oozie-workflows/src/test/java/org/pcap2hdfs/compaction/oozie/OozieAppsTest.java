package org.pcap2hdfs.compaction.oozie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.RunReport;
import org.pcap2hdfs.compaction.publish.WorkLayout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Oozie apps validate against Oozie's own schemas (from oozie-client 5.2.1), and every name
 * their EL expressions use is defined by the sample job.properties or the workflow's parameters.
 */
class OozieAppsTest {
  private static final Path APP = Paths.get("src/main/apps/compaction");
  private static final Path CONF_OOZIE = Paths.get("../conf/oozie");
  private static final Pattern EL = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(:[A-Za-z_]\\w*)?");
  private static final Set<String> EL_WORDS =
      Set.of(
          "eq", "ne", "lt", "gt", "le", "ge", "and", "or", "not", "empty", "true", "false", "null",
          "div", "mod");

  static Source xsd(String name) {
    URL u = OozieAppsTest.class.getResource("/" + name);
    assertThat(u).as("%s in oozie-client", name).isNotNull();
    return new StreamSource(u.toExternalForm());
  }

  static void validate(Path xml, String... xsds) throws Exception {
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    Source[] sources = new Source[xsds.length];
    for (int i = 0; i < xsds.length; i++) {
      sources[i] = xsd(xsds[i]);
    }
    f.newSchema(sources).newValidator().validate(new StreamSource(xml.toFile()));
  }

  @Test
  void workflowValidatesAgainstOozieWorkflowAndShellActionSchemas() throws Exception {
    validate(APP.resolve("workflow.xml"), "oozie-workflow-1.0.xsd", "shell-action-1.0.xsd");
  }

  /**
   * Every way to the end passes the decision on failed partitions, which the compact action reports
   * in its output instead of failing (so that Impala still learns the published ones): it kills the
   * workflow with the job's message when any failed.
   */
  @Test
  void everyWayToTheEndPassesTheFailedPartitionsDecision() throws Exception {
    Document wf = parse(APP.resolve("workflow.xml"));
    NodeList all = wf.getElementsByTagNameNS("*", "*");
    Set<String> toEnd = new TreeSet<>();
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if ("end".equals(e.getAttribute("to"))) {
        Element node = e;
        while (!node.hasAttribute("name")) {
          node = (Element) node.getParentNode();
        }
        toEnd.add(node.getLocalName() + " " + node.getAttribute("name"));
      }
    }
    assertThat(toEnd).containsExactly("decision partitions-failed");
    Element decision = null;
    NodeList decisions = wf.getElementsByTagNameNS("*", "decision");
    for (int i = 0; i < decisions.getLength(); i++) {
      Element d = (Element) decisions.item(i);
      if (d.getAttribute("name").equals("partitions-failed")) {
        decision = d;
      }
    }
    assertThat(decision).isNotNull();
    Element kase = (Element) decision.getElementsByTagNameNS("*", "case").item(0);
    assertThat(kase.getTextContent().trim())
        .isEqualTo("${wf:actionData('compact')['failedCount'] gt 0}");
    String kill = kase.getAttribute("to");
    NodeList kills = wf.getElementsByTagNameNS("*", "kill");
    String message = null;
    for (int i = 0; i < kills.getLength(); i++) {
      Element k = (Element) kills.item(i);
      if (k.getAttribute("name").equals(kill)) {
        message = k.getTextContent();
      }
    }
    assertThat(message).as("kill node %s", kill).contains("${wf:actionData('compact')['failure']}");
  }

  @Test
  void coordinatorValidatesAgainstOozieCoordinatorSchema() throws Exception {
    validate(APP.resolve("coordinator.xml"), "oozie-coordinator-0.5.xsd");
  }

  private static Properties jobProperties(Path file) throws Exception {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    return p;
  }

  static Document parse(Path xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(xml.toFile());
  }

  private static Set<String> workflowParameters() throws Exception {
    return workflowParameters(APP);
  }

  /** The names of a workflow's parameters. */
  static Set<String> workflowParameters(Path app) throws Exception {
    Set<String> names = new TreeSet<>();
    Element params =
        (Element)
            parse(app.resolve("workflow.xml")).getElementsByTagNameNS("*", "parameters").item(0);
    NodeList props = params.getElementsByTagNameNS("*", "name");
    for (int i = 0; i < props.getLength(); i++) {
      names.add(props.item(i).getTextContent().trim());
    }
    return names;
  }

  /** Variables (not functions, not EL keywords, not string literals) used in ${...}. */
  static Set<String> variables(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = EL.matcher(text);
    while (m.find()) {
      String expr = m.group(1).replaceAll("'[^']*'", "''");
      Matcher n = NAME.matcher(expr);
      while (n.find()) {
        String name = n.group();
        boolean function = expr.substring(n.end()).trim().startsWith("(");
        if (!function && !EL_WORDS.contains(name)) {
          out.add(name);
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"compaction.properties", "compaction-icmp.properties"})
  void everyElVariableIsDefinedAndEveryJobPropertyIsUsed(String file) throws Exception {
    Properties job = jobProperties(CONF_OOZIE.resolve(file));
    Set<String> defined = new TreeSet<>(job.stringPropertyNames());
    Set<String> params = workflowParameters();
    String workflow = Files.readString(APP.resolve("workflow.xml"), StandardCharsets.UTF_8);
    String coordinator = Files.readString(APP.resolve("coordinator.xml"), StandardCharsets.UTF_8);

    Set<String> inWorkflow = variables(workflow);
    Set<String> missing = new TreeSet<>(inWorkflow);
    missing.removeAll(defined);
    missing.removeAll(params);
    assertThat(missing).as("workflow variables defined nowhere").isEmpty();
    assertThat(params).as("parameters the workflow never uses").isSubsetOf(inWorkflow);

    Set<String> inCoordinator = variables(coordinator);
    assertThat(inCoordinator)
        .as("coordinator variables must come from job.properties")
        .isSubsetOf(defined);

    Set<String> inProperties = new TreeSet<>();
    for (String k : job.stringPropertyNames()) {
      inProperties.addAll(variables(job.getProperty(k)));
    }
    assertThat(inProperties).as("job.properties self-references").isSubsetOf(defined);

    Set<String> unused = new TreeSet<>(defined);
    unused.removeIf(k -> k.startsWith("oozie."));
    unused.removeAll(inWorkflow);
    unused.removeAll(inCoordinator);
    unused.removeAll(inProperties);
    assertThat(unused).as("job.properties entries nothing uses").isEmpty();
  }

  @Test
  void actionsMatchTheJobsKeysMainClassOutputAndLayout() throws Exception {
    Document wf = parse(APP.resolve("workflow.xml"));
    NodeList names = wf.getElementsByTagNameNS("*", "name");
    Set<String> keys = new TreeSet<>();
    for (int i = 0; i < names.getLength(); i++) {
      String n = names.item(i).getTextContent().trim();
      if (n.startsWith("pcap2hdfs.")) {
        keys.add(n);
      }
    }
    assertThat(keys)
        .contains(
            CompactionConfig.STAGING_DIR,
            CompactionConfig.WAREHOUSE_DIR,
            CompactionConfig.BLOOM_COLUMNS,
            CompactionConfig.QUERY_TS_UNIT,
            CompactionConfig.ENGINE,
            CompactionConfig.TASKS,
            CompactionConfig.TASK_MEMORY_MB,
            CompactionConfig.SLICE_BYTES)
        .isSubsetOf(CompactionConfig.KEYS);

    NodeList mains = wf.getElementsByTagNameNS("*", "main-class");
    assertThat(mains.getLength()).isEqualTo(2);
    for (int i = 0; i < mains.getLength(); i++) {
      Class<?> main = Class.forName(mains.item(i).getTextContent().trim());
      assertThat(main.getMethod("main", String[].class)).isNotNull();
    }

    // The action output the decision and the fs node read is what the job writes.
    String workflow = Files.readString(APP.resolve("workflow.xml"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("wf:actionData\\('compact'\\)\\['(\\w+)']").matcher(workflow);
    Set<String> read = new TreeSet<>();
    while (m.find()) {
      read.add(m.group(1));
    }
    assertThat(read).containsExactly("failedCount", "failure", "impalaBatch", "impalaScript");
    assertThat(new RunReport("r").toProperties().stringPropertyNames()).containsAll(read);

    // <prepare> deletes exactly the job's scratch directory, never its commit journal.
    Element delete = (Element) wf.getElementsByTagNameNS("*", "delete").item(0);
    assertThat(delete.getAttribute("path")).isEqualTo("${workDir}/tmp");
    assertThat(new WorkLayout(new org.apache.hadoop.fs.Path("/w")).scratchRoot().toString())
        .isEqualTo("/w/tmp");
  }
}
