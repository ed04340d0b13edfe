package io.driftway.catalogbridge.model;

/** A Glue {@code RecrawlPolicy}; kept and answered ({@code CRAWL_EVERYTHING} is what runs). */
public record RecrawlPolicy(String recrawlBehavior) {}
