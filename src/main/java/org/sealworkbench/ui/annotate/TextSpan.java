package org.sealworkbench.ui.annotate;

/** A run of a self-edit's text, marked when it differs from the other side. */
public record TextSpan(String text, boolean changed) {}
