package io.kinesisbridge.common.aws;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The values of {@code aws.credentials.provider}: where the base AWS credentials come from. */
public enum CredentialsProviderType {
  /**
   * The SDK's default chain: system properties, environment, web identity, profile, container,
   * instance.
   */
  DEFAULT("default"),
  /**
   * {@code aws.access.key.id} and {@code aws.secret.access.key}, plus an optional session token.
   */
  STATIC("static"),
  /** A named profile from the shared config and credentials files ({@code aws.profile.name}). */
  PROFILE("profile"),
  /** OIDC web identity (EKS IRSA): {@code AWS_WEB_IDENTITY_TOKEN_FILE} and {@code AWS_ROLE_ARN}. */
  WEB_IDENTITY("web-identity");

  private final String configValue;

  CredentialsProviderType(String configValue) {
    this.configValue = configValue;
  }

  /** The value as written in a connector config, e.g. {@code web-identity}. */
  public String configValue() {
    return configValue;
  }

  /** All config values, in documentation order. */
  public static List<String> configValues() {
    return Arrays.stream(values()).map(CredentialsProviderType::configValue).toList();
  }

  /**
   * The type for a config value, ignoring case and surrounding blanks; blank means {@link
   * #DEFAULT}.
   *
   * @throws IllegalArgumentException listing the valid values
   */
  public static CredentialsProviderType fromConfigValue(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    String normalised = value.trim().toLowerCase(Locale.ROOT);
    for (CredentialsProviderType type : values()) {
      if (type.configValue.equals(normalised)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "Unknown credentials provider '" + value + "'; valid values: " + configValues());
  }
}
