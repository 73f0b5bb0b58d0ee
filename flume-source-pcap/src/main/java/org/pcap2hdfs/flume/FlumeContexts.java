package org.pcap2hdfs.flume;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import org.apache.flume.Context;

/**
 * Flume API differences between the agents we run on. {@code Context.getParameters()} and {@code
 * getSubProperties()} return Guava's {@code ImmutableMap} up to Flume 1.9 and {@code Map} from 1.10
 * on: code compiled against one fails with NoSuchMethodError on the other, so they are called
 * reflectively here.
 */
public final class FlumeContexts {
  private static final Method GET_PARAMETERS = method("getParameters");
  private static final Method GET_SUB_PROPERTIES = method("getSubProperties", String.class);

  private FlumeContexts() {}

  /** All settings of a component. */
  public static Map<String, String> parameters(Context context) {
    return invoke(GET_PARAMETERS, context);
  }

  /** The settings under {@code prefix}, with the prefix removed from their keys. */
  public static Map<String, String> subProperties(Context context, String prefix) {
    return invoke(GET_SUB_PROPERTIES, context, prefix);
  }

  private static Method method(String name, Class<?>... parameters) {
    try {
      return Context.class.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("Flume's Context has no " + name, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> invoke(Method m, Context context, Object... args) {
    try {
      return (Map<String, String>) m.invoke(context, args);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
