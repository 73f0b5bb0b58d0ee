package org.pcap2hdfs.compaction.oozie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.analytics.aggregate.AggregatesConfig;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The aggregates app validates against Oozie's schemas, its EL names are defined by its sample
 * job.properties or its parameters (and each is used), and its action names the job's keys and main
 * class, with the password only as a shipped file.
 */
class AggregatesAppTest {
  private static final Path APP = Paths.get("src/main/apps/aggregates");
  private static final Path JOB_PROPERTIES = Paths.get("../conf/oozie/aggregates.properties");

  @Test
  void validatesAgainstOozieSchemas() throws Exception {
    OozieAppsTest.validate(APP.resolve("workflow.xml"), "oozie-workflow-1.0.xsd");
    OozieAppsTest.validate(APP.resolve("coordinator.xml"), "oozie-coordinator-0.5.xsd");
  }

  @Test
  void everyElVariableIsDefinedAndEveryJobPropertyIsUsed() throws Exception {
    Properties job = new Properties();
    try (InputStream in = Files.newInputStream(JOB_PROPERTIES)) {
      job.load(in);
    }
    Set<String> defined = new TreeSet<>(job.stringPropertyNames());
    Set<String> params = OozieAppsTest.workflowParameters(APP);
    Set<String> inWorkflow =
        OozieAppsTest.variables(
            Files.readString(APP.resolve("workflow.xml"), StandardCharsets.UTF_8));
    Set<String> inCoordinator =
        OozieAppsTest.variables(
            Files.readString(APP.resolve("coordinator.xml"), StandardCharsets.UTF_8));
    Set<String> missing = new TreeSet<>(inWorkflow);
    missing.removeAll(defined);
    missing.removeAll(params);
    assertThat(missing).as("workflow variables defined nowhere").isEmpty();
    assertThat(params).as("parameters the workflow never uses").isSubsetOf(inWorkflow);
    assertThat(inCoordinator).isSubsetOf(defined);
    Set<String> inProperties = new TreeSet<>();
    for (String k : job.stringPropertyNames()) {
      inProperties.addAll(OozieAppsTest.variables(job.getProperty(k)));
    }
    Set<String> unused = new TreeSet<>(defined);
    unused.removeIf(k -> k.startsWith("oozie."));
    unused.removeAll(inWorkflow);
    unused.removeAll(inCoordinator);
    unused.removeAll(inProperties);
    assertThat(unused).as("job.properties entries nothing uses").isEmpty();
  }

  @Test
  void actionNamesTheJobsKeysAndMainAndNoPlainPassword() throws Exception {
    Document wf = OozieAppsTest.parse(APP.resolve("workflow.xml"));
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
            AggregatesConfig.WAREHOUSE_DIR,
            AggregatesConfig.ENGINE_JDBC_URL,
            AggregatesConfig.JDBC_URL,
            AggregatesConfig.JDBC_PASSWORD_FILE)
        .doesNotContain(AggregatesConfig.JDBC_PASSWORD)
        .isSubsetOf(AggregatesConfig.KEYS);
    NodeList mains = wf.getElementsByTagNameNS("*", "main-class");
    assertThat(mains.getLength()).isEqualTo(1);
    Class<?> main = Class.forName(mains.item(0).getTextContent().trim());
    assertThat(main.getMethod("main", String[].class)).isNotNull();
    assertThat(wf.getElementsByTagNameNS("*", "file").item(0).getTextContent())
        .isEqualTo("${aggregatesPasswordFile}#aggregates.password");
  }
}
