/**
 * The self-contained HTML training report: plain input records ({@link dev.xent.cli.report.ReportData}),
 * deterministic inline SVG charts, and the page that puts them together (no network, no scripts, no fonts).
 */
package dev.xent.cli.report;
