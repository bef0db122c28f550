package io.kinesisbridge.demo;

import java.io.PrintStream;

/** What the demo tells the person running it; the only place that writes to the terminal. */
final class Console {

  private final PrintStream out = System.out;
  private int step;

  void title(String text) {
    out.println();
    out.println("== " + text + " ==");
  }

  void step(String what, String detail) {
    out.printf("[%d] %-22s %s%n", ++step, what, detail);
  }

  void detail(String text) {
    out.println("      " + text);
  }

  void ok(String text) {
    out.println("OK  " + text);
  }

  void fail(String text) {
    out.println("FAIL " + text);
  }
}
