package dev.atrium.model.catalog;

/**
 * A Table column definition as served in {@code meta.k8s.io/v1 Table.columnDefinitions}.
 *
 * @param name column header, e.g. "Ready"
 * @param type "string", "integer", "number", "boolean" or "date"
 * @param format "name" for the NAME column, otherwise usually ""
 * @param description column help text
 * @param priority 0 = always shown, greater than 0 = only with {@code -o wide}
 */
public record PrinterColumn(
    String name, String type, String format, String description, int priority) {}
