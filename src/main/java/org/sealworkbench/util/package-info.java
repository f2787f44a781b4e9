/**
 * Small helpers every layer may use and that depend on nothing of the project: derived seeds, folder trees, shares in percent.
 */
package org.sealworkbench.util;
