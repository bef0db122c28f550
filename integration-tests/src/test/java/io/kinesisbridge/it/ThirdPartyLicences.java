package io.kinesisbridge.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the THIRD-PARTY.txt that license-maven-plugin writes: one line per dependency, {@code
 * (Licence A) (Licence B) Title (group:artifact:version - url)}.
 */
final class ThirdPartyLicences {

  private static final Pattern LICENCE = Pattern.compile("\\G\\s*\\(([^)]+)\\)");
  private static final Pattern COORDINATES =
      Pattern.compile("\\(([\\w.\\-]+):([\\w.\\-]+):([\\w.\\-]+) - [^)]*\\)\\s*$");

  private ThirdPartyLicences() {}

  /** The licence names per jar file name ({@code artifact-version.jar}), as lib/ names them. */
  static Map<String, List<String>> read(Path file) throws IOException {
    Map<String, List<String>> byJar = new TreeMap<>();
    for (String line : Files.readAllLines(file)) {
      Matcher coordinates = COORDINATES.matcher(line);
      if (!coordinates.find()) {
        continue; // the header line
      }
      String jar = coordinates.group(2) + "-" + coordinates.group(3) + ".jar";
      byJar.put(jar, licences(line));
    }
    return byJar;
  }

  private static List<String> licences(String line) {
    List<String> names = new ArrayList<>();
    Matcher licence = LICENCE.matcher(line);
    while (licence.find()) {
      names.add(licence.group(1));
    }
    return names;
  }
}
