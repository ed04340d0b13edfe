package io.driftway.catalogbridge.model;

import java.util.List;
import java.util.Map;

/** A Glue {@code SkewedInfo}: columns with skewed values and where those values live. */
public record SkewedInfo(
    List<String> skewedColumnNames,
    List<String> skewedColumnValues,
    Map<String, String> skewedColumnValueLocationMaps) {

  public SkewedInfo {
    skewedColumnNames = Copies.list(skewedColumnNames);
    skewedColumnValues = Copies.list(skewedColumnValues);
    skewedColumnValueLocationMaps = Copies.map(skewedColumnValueLocationMaps);
  }
}
