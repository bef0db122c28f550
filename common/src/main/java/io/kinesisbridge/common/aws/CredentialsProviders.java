package io.kinesisbridge.common.aws;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds the credentials provider chosen by {@code aws.credentials.provider}, and the STS
 * assume-role provider that {@code aws.sts.role.arn} puts on top of it.
 *
 * <p>Nothing here calls AWS: every provider resolves lazily, on the first signed request. The
 * assume-role provider is the SDK's own {@link StsAssumeRoleCredentialsProvider}, which refreshes
 * the role's credentials before they expire.
 */
public final class CredentialsProviders {

  private CredentialsProviders() {}

  /**
   * The base provider selected by {@code aws.credentials.provider}, without assume-role.
   *
   * @throws ConfigException when {@code static} lacks its key id or secret
   */
  public static AwsCredentialsProvider base(AwsSettings settings) {
    return switch (settings.credentialsProviderType()) {
      case DEFAULT -> DefaultCredentialsProvider.builder().build();
      case STATIC -> StaticCredentialsProvider.create(staticCredentials(settings));
      case PROFILE ->
          settings
              .profileName()
              .map(name -> ProfileCredentialsProvider.builder().profileName(name).build())
              .orElseGet(() -> ProfileCredentialsProvider.builder().build());
      case WEB_IDENTITY -> WebIdentityTokenFileCredentialsProvider.create();
    };
  }

  /**
   * An auto-refreshing provider for {@code role}, calling STS through {@code sts}.
   *
   * <p>The provider does not close {@code sts}: whoever built the STS client closes it after the
   * provider (in this bundle, {@link AwsClientFactory#close()}).
   */
  public static StsAssumeRoleCredentialsProvider assumeRole(
      AwsSettings.AssumeRole role, StsClient sts) {
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(
            request -> {
              request.roleArn(role.roleArn()).roleSessionName(role.sessionName());
              role.externalIdIfSet().ifPresent(request::externalId);
            })
        .build();
  }

  /**
   * The STS client the assume-role provider calls: signed with the base credentials, in the
   * clients' region, at {@code aws.sts.endpoint.url} or else {@code aws.endpoint.url} if either is
   * set, with the same retry, timeouts, user agent and HTTP proxy as the service clients.
   */
  public static StsClient stsClient(
      AwsSettings settings, Region region, AwsCredentialsProvider baseCredentials) {
    var builder =
        StsClient.builder()
            .region(region)
            // The factory, not the STS client, closes the base provider.
            .credentialsProvider(SharedCredentialsProvider.of(baseCredentials))
            .httpClientBuilder(HttpClients.apache(settings))
            .overrideConfiguration(ClientSettings.overrides(settings, true));
    settings.stsEndpointOverride().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static AwsCredentials staticCredentials(AwsSettings settings) {
    String keyId =
        settings.accessKeyId().orElseThrow(() -> missing(AwsConfig.ACCESS_KEY_ID_CONFIG));
    String secret =
        settings
            .secretAccessKey()
            .map(Password::value)
            .orElseThrow(() -> missing(AwsConfig.SECRET_ACCESS_KEY_CONFIG));
    return settings
        .sessionToken()
        .<AwsCredentials>map(token -> AwsSessionCredentials.create(keyId, secret, token.value()))
        .orElseGet(() -> AwsBasicCredentials.create(keyId, secret));
  }

  private static ConfigException missing(String key) {
    // The message names the key only: the value may be a secret.
    return new ConfigException(key + " is required when aws.credentials.provider is 'static'");
  }
}
