package dev.atrium.hub.api.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small helpers to assemble a row's cells. */
final class Row {

  private Row() {}

  static List<Object> of(Object... cells) {
    return new ArrayList<>(Arrays.asList(cells));
  }

  static List<Object> concat(List<Object> head, List<Object> tail) {
    List<Object> all = new ArrayList<>(head);
    all.addAll(tail);
    return all;
  }
}
