package io.kinesisbridge.firehose;

import io.kinesisbridge.firehose.client.DeliveryStreamInfo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryStreamCheckTest {

  private static final Map<String, String> PROPS =
      Map.of("firehose.delivery.stream", "deliveries", "aws.region", "eu-west-1");

  private static Optional<Map.Entry<String, String>> check(DeliveryStreamCheck.Describer firehose) {
    return DeliveryStreamCheck.check(PROPS, firehose);
  }

  @Test
  void anActiveDirectPutStreamPasses() {
    assertThat(check(name -> new DeliveryStreamInfo(name, "ACTIVE", "DirectPut"))).isEmpty();
  }

  @Test
  void aMissingStreamIsReportedWithItsRegion() {
    assertThat(
            check(
                name -> {
                  throw ResourceNotFoundException.builder().message("not found").build();
                }))
        .hasValueSatisfying(
            e -> {
              assertThat(e.getKey()).isEqualTo("firehose.delivery.stream");
              assertThat(e.getValue()).contains("'deliveries' does not exist in eu-west-1");
            });
  }

  @Test
  void aStreamFedByKinesisOrStillBeingCreatedIsReported() {
    assertThat(check(name -> new DeliveryStreamInfo(name, "ACTIVE", "KinesisStreamAsSource")))
        .hasValueSatisfying(e -> assertThat(e.getValue()).contains("Direct PUT"));
    assertThat(check(name -> new DeliveryStreamInfo(name, "CREATING", "DirectPut")))
        .hasValueSatisfying(e -> assertThat(e.getValue()).contains("CREATING, not ACTIVE"));
  }

  @Test
  void deniedAccessIsReportedWithTheActionsToAllow() {
    assertThat(
            check(
                name -> {
                  throw FirehoseException.builder()
                      .awsErrorDetails(
                          AwsErrorDetails.builder().errorCode("AccessDeniedException").build())
                      .statusCode(400)
                      .build();
                }))
        .hasValueSatisfying(
            e -> assertThat(e.getValue()).contains("firehose:DescribeDeliveryStream"));
  }

  @Test
  void aProxyThatRefusesTheCredentialsIsReportedAgainstTheProxyPassword() {
    Map<String, String> props = new java.util.HashMap<>(PROPS);
    props.put("aws.proxy.url", "http://proxy.corp:3128");
    props.put("aws.proxy.username", "alice");
    props.put("aws.proxy.password", "wrong");

    assertThat(
            DeliveryStreamCheck.check(
                props,
                name -> {
                  throw FirehoseException.builder().statusCode(407).build();
                }))
        .hasValueSatisfying(
            e -> {
              assertThat(e.getKey()).isEqualTo("aws.proxy.password");
              assertThat(e.getValue()).contains("407 Proxy Authentication Required");
            });
  }

  @Test
  void anUnreachableEndpointStaysSilent() {
    assertThat(
            check(
                name -> {
                  throw SdkClientException.create("down", new IOException("Connection refused"));
                }))
        .isEmpty();
  }

  @Test
  void aTemplatedNameIsNotCheckedBecauseTopicsAreUnknownAtValidation() {
    Map<String, String> templated = Map.of("firehose.delivery.stream", "s-${topic}");

    assertThat(
            DeliveryStreamCheck.check(
                templated,
                name -> {
                  throw new AssertionError("must not describe " + name);
                }))
        .isEmpty();
  }

  @Test
  void aMissingStreamGivenByArnHintsAtARoleInTheArnsAccount() {
    Map<String, String> props =
        Map.of(
            "firehose.delivery.stream.arn",
            "arn:aws:firehose:eu-west-1:111111111111:deliverystream/deliveries");

    Optional<Map.Entry<String, String>> verdict =
        DeliveryStreamCheck.check(
            props,
            name -> {
              assertThat(name).isEqualTo("deliveries");
              throw ResourceNotFoundException.builder().message("not found").build();
            });

    assertThat(verdict)
        .hasValueSatisfying(
            e -> {
              assertThat(e.getKey()).isEqualTo("firehose.delivery.stream.arn");
              assertThat(e.getValue())
                  .contains("'deliveries' does not exist in eu-west-1")
                  .contains("set aws.sts.role.arn to a role in 111111111111");
            });
  }
}
