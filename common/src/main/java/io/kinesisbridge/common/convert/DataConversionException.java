package io.kinesisbridge.common.convert;

import org.apache.kafka.connect.errors.DataException;

/**
 * Thrown when a Connect value cannot be turned into JSON, payload bytes or a key string: a Java
 * type Connect does not define, a value that does not match its schema, or a field path that does
 * not fit the value.
 *
 * <p>Unchecked, and a {@link DataException}, because the record itself is at fault: retrying cannot
 * help, so a task sends such a record to the dead letter queue (or fails when errors are not
 * tolerated) and carries on with the others.
 */
public final class DataConversionException extends DataException {

  private static final long serialVersionUID = 1L;

  private final String problem;
  private final String path;

  /**
   * Creates the exception for the value as a whole.
   *
   * @param problem what is wrong, naming the offending type
   */
  public DataConversionException(String problem) {
    this(problem, "", null);
  }

  /**
   * Creates the exception for the value as a whole, keeping the underlying failure.
   *
   * @param problem what is wrong, naming the offending type
   * @param cause the failure that revealed it
   */
  public DataConversionException(String problem, Throwable cause) {
    this(problem, "", cause);
  }

  private DataConversionException(String problem, String path, Throwable cause) {
    super(path.isEmpty() ? problem : "field '" + path + "': " + problem, cause);
    this.problem = problem;
    this.path = path;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }

  /**
   * Where inside the value the problem is, e.g. {@code order.items[2].price}; empty when it is the
   * value itself.
   */
  public String path() {
    return path;
  }

  /**
   * The same problem, one level further out. The writer adds the location while the exception
   * unwinds, so the hot path never builds path strings for values that convert fine.
   *
   * @param segment a field name or map key, or {@code [i]} for an array element
   */
  DataConversionException under(String segment) {
    String joined;
    if (path.isEmpty()) {
      joined = segment;
    } else if (path.startsWith("[")) {
      joined = segment + path;
    } else {
      joined = segment + "." + path;
    }
    DataConversionException outer = new DataConversionException(problem, joined, getCause());
    outer.setStackTrace(getStackTrace());
    return outer;
  }
}
