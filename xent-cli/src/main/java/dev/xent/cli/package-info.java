/**
 * The {@code xent} command line: one thin class per subcommand that turns options into library calls, with one
 * exception-to-exit-code mapping ({@link dev.xent.cli.Main#commandLine()}).
 */
package dev.xent.cli;
