package org.sealworkbench.jobs.annotate;

/** One self-edit as the pairwise screen shows it; author, template and reward are hidden in blind mode. */
public record EditSide(long selfEditId, String text, String author, String template, Double reward) {}
