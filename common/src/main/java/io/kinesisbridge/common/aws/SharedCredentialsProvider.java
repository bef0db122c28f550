package io.kinesisbridge.common.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;

import java.util.concurrent.CompletableFuture;

/**
 * A view of a credentials provider that cannot be closed through it.
 *
 * <p>SDK clients close a closeable credentials provider when they are closed themselves, even one
 * they were handed. One provider is shared by all clients of an {@link AwsClientFactory}, so the
 * first client closed would stop the assume-role refresh (or the default chain) under every other
 * client. Handing out this view leaves closing to the factory, which owns the provider.
 */
final class SharedCredentialsProvider implements AwsCredentialsProvider {

  private final AwsCredentialsProvider delegate;

  private SharedCredentialsProvider(AwsCredentialsProvider delegate) {
    this.delegate = delegate;
  }

  /** A non-closeable view of {@code delegate}; a view is returned as it is. */
  static AwsCredentialsProvider of(AwsCredentialsProvider delegate) {
    return delegate instanceof SharedCredentialsProvider
        ? delegate
        : new SharedCredentialsProvider(delegate);
  }

  /** The provider behind the view. */
  AwsCredentialsProvider delegate() {
    return delegate;
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return delegate.resolveCredentials();
  }

  @Override
  public CompletableFuture<AwsCredentialsIdentity> resolveIdentity(ResolveIdentityRequest request) {
    return delegate.resolveIdentity(request);
  }

  @Override
  public String toString() {
    return "Shared(" + delegate.getClass().getSimpleName() + ")";
  }
}
