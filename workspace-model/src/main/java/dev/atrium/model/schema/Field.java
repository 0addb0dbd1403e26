package dev.atrium.model.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Schema details of a record component beyond its Java type; every element is optional. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Field {

  /** OpenAPI {@code format}, e.g. "date-time". */
  String format() default "";

  /** The allowed values ({@code enum}). */
  String[] enumValues() default {};

  /**
   * For lists: {@code x-kubernetes-list-type: map} with these {@code x-kubernetes-list-map-keys}.
   */
  String[] listMapKeys() default {};

  /** The field must be present ({@code required} of the enclosing object). */
  boolean required() default false;

  /** Smallest allowed value of an integer; {@link Long#MIN_VALUE} for none. */
  long minimum() default Long.MIN_VALUE;
}
