package io.kinesisbridge.testkit;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * A real S3-compatible server (s3proxy over an in-memory blob store) on a free loopback port,
 * in-process. Test fixture for the Firehose path and the demo; data is gone when it stops.
 */
public final class S3Server implements AutoCloseable {

  /** Access key the server accepts. */
  public static final String ACCESS_KEY = "kinesis-bridge-test";

  /** Secret key the server accepts (a test value, not a secret). */
  public static final String SECRET_KEY = "kinesis-bridge-test-secret";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final URI endpoint;

  private S3Server(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
    this.proxy = proxy;
    this.context = context;
    this.endpoint = endpoint;
  }

  /** Starts the server and waits until it serves requests. */
  public static S3Server start() {
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials(ACCESS_KEY, SECRET_KEY)
            .build(BlobStoreContext.class);
    URI endpoint = URI.create("http://127.0.0.1:" + FreePorts.next());
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(endpoint)
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    S3Server server = new S3Server(proxy, context, endpoint);
    try {
      proxy.start();
      server.awaitStarted();
      return server;
    } catch (Exception e) {
      server.close();
      throw new IllegalStateException("S3 server did not start on " + endpoint + ": " + e, e);
    }
  }

  private void awaitStarted() throws InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!"STARTED".equals(proxy.getState()) || !FreePorts.isListening(endpoint.getPort())) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("state " + proxy.getState() + " after " + START_TIMEOUT);
      }
      Thread.sleep(50);
    }
  }

  /** The server's HTTP endpoint. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * An S3 client for this server. s3proxy needs path-style addressing, and checksums only where S3
   * requires them (the SDK's newer default trailing checksums are not understood).
   */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .build();
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3 server did not stop cleanly", e);
    } finally {
      context.close();
    }
  }
}
