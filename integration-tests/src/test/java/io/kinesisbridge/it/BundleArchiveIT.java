package io.kinesisbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zip the build wrote is a valid Confluent Hub component archive: its name, top folder and
 * manifest agree, its checksum file verifies, and every jar in lib/ has a licence that the manifest
 * declares. Reads the zip and the same zip unpacked into the ITs' plugin.path.
 */
class BundleArchiveIT {

  /** System property the build sets to distribution/target. */
  static final String BUNDLE_DIR_PROPERTY = "kinesisbridge.bundle.dir";

  private static Path folder;
  private static Path zip;
  private static JsonNode manifest;

  @BeforeAll
  static void findBundle() throws IOException {
    folder = unpackedFolder();
    zip =
        Path.of(System.getProperty(BUNDLE_DIR_PROPERTY, "../distribution/target"))
            .resolve(folder.getFileName() + ".zip");
    assertThat(zip).as("the zip the plugin.path folder was unpacked from").isRegularFile();
    manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
  }

  @Test
  void theTopFolderAndTheZipAreNamedOwnerNameVersionAsConfluentHubRequires() {
    String owner = manifest.path("owner").path("username").asText();
    String name = manifest.path("name").asText();
    String version = manifest.path("version").asText();

    // Confluent's archive spec: owner [a-z0-9_], name [a-z0-9-], both 2 to 255 characters.
    assertThat(owner).matches("[a-z0-9_]{2,255}");
    assertThat(name).matches("[a-z0-9-]{2,255}");
    assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(folder.getFileName().toString()).isEqualTo(owner + "-" + name + "-" + version);
  }

  @Test
  void theFolderHoldsTheManifestLibEtcAndDoc() {
    assertThat(folder.resolve("manifest.json")).isRegularFile();
    assertThat(folder.resolve("lib")).isDirectoryContaining("glob:**.jar");
    assertThat(folder.resolve("etc")).isDirectoryContaining("glob:**.json");
    assertThat(folder.resolve("doc")).isDirectoryContaining("glob:**/LICENSE");
    assertThat(folder.resolve("doc/licenses/THIRD-PARTY.txt")).isRegularFile();
  }

  @Test
  void theManifestNamesTypesOwnerSupportSourceAndRelease() {
    assertThat(strings(manifest.path("component_types")))
        .containsExactlyInAnyOrder("sink", "source");
    assertThat(manifest.path("owner").path("type").asText()).isIn("user", "organization");
    assertThat(manifest.path("owner").path("name").asText()).isNotBlank();
    assertThat(manifest.path("support").path("url").asText()).startsWith("https://");
    assertThat(manifest.path("support").path("summary").asText()).isNotBlank();
    assertThat(manifest.path("support").path("provider_name").asText()).isNotBlank();
    assertThat(manifest.path("source_url").asText()).startsWith("https://");
    assertThat(manifest.path("documentation_url").asText()).startsWith("https://");
    assertThat(manifest.path("title").asText()).isNotBlank();
    assertThat(manifest.path("release_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(manifest.toString()).as("no unfiltered Maven property").doesNotContain("${");
  }

  @Test
  void theSha512FileVerifiesTheZipInTheFormSha512sumReads() throws Exception {
    Path checksumFile = zip.resolveSibling(zip.getFileName() + ".sha512");
    String line = Files.readString(checksumFile, StandardCharsets.US_ASCII).strip();

    // sha512sum -c reads "<128 hex digits><two spaces><file name>".
    assertThat(line).matches("[0-9a-f]{128}  \\S+");
    assertThat(line.substring(130)).isEqualTo(zip.getFileName().toString());
    assertThat(line.substring(0, 128)).isEqualTo(sha512(zip));
  }

  @Test
  void everyJarInLibHasALicenceInThirdPartyTxt() throws IOException {
    Map<String, List<String>> licencesByJar = ThirdPartyLicences.read(thirdPartyFile());

    assertThat(licencesByJar.keySet()).containsExactlyInAnyOrderElementsOf(libJars());
    assertThat(licencesByJar.values()).allSatisfy(l -> assertThat(l).isNotEmpty());
  }

  @Test
  void theManifestListsExactlyTheLicencesOfTheBundledJars() throws IOException {
    Set<String> bundled =
        ThirdPartyLicences.read(thirdPartyFile()).values().stream()
            .flatMap(List::stream)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> declared = new TreeSet<>();
    manifest.path("license").forEach(l -> declared.add(l.path("name").asText()));

    assertThat(declared).isEqualTo(bundled);
    manifest
        .path("license")
        .forEach(l -> assertThat(l.path("url").asText()).as(l.toString()).startsWith("https://"));
  }

  @Test
  void libLeavesOutWhatTheWorkerProvidesAndWhatNoCodeUses() throws IOException {
    assertThat(libJars())
        .noneMatch(j -> j.startsWith("kafka-") || j.startsWith("connect-"))
        .noneMatch(j -> j.startsWith("slf4j-"))
        .noneMatch(j -> j.startsWith("jackson-databind") || j.startsWith("jackson-annotations"));
  }

  private static Path thirdPartyFile() {
    return folder.resolve("doc/licenses/THIRD-PARTY.txt");
  }

  private static List<String> libJars() throws IOException {
    try (Stream<Path> jars = Files.list(folder.resolve("lib"))) {
      return jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
    }
  }

  private static Path unpackedFolder() throws IOException {
    try (Stream<Path> entries = Files.list(BundleConnectCluster.pluginPath())) {
      List<Path> bundles = entries.filter(p -> Files.isDirectory(p.resolve("lib"))).toList();
      assertThat(bundles).as("one unpacked bundle in plugin.path").hasSize(1);
      return bundles.get(0);
    }
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static String sha512(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-512");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
