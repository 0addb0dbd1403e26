package dev.atrium.model.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The documentation of a model type or record component; {@link OpenApiSchemas} publishes it as the
 * schema's {@code description} ({@code kubectl explain} shows it).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT})
public @interface Description {
  String value();
}
