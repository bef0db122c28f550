package io.kinesisbridge.common.convert;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadBytesTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aStringIsSentAsItsUtf8BytesNotAsAQuotedJsonString() {
    String text = "{\"already\":\"json\"} héllo 🌍";

    assertThat(PayloadBytes.payloadOf(Schema.STRING_SCHEMA, text)).isEqualTo(utf8(text));
    assertThat(PayloadBytes.payloadOf(null, text)).isEqualTo(utf8(text));
  }

  @Test
  void aByteArrayPassesThroughUnchangedAndUncopied() {
    byte[] bytes = {0, (byte) 0xff, 0x7b};

    assertThat(PayloadBytes.payloadOf(Schema.BYTES_SCHEMA, bytes)).isSameAs(bytes);
    assertThat(PayloadBytes.payloadOf(null, bytes)).isSameAs(bytes);
  }

  @Test
  void aWrappedArrayIsHandedBackWithoutACopy() {
    byte[] bytes = {1, 2, 3};

    assertThat(PayloadBytes.payloadOf(null, ByteBuffer.wrap(bytes))).isSameAs(bytes);
  }

  @Test
  void aPartialByteBufferGivesItsRemainingBytesAndKeepsItsPosition() {
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});
    buffer.position(1).limit(4);
    ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] {7, 8, 9});
    direct.flip();

    assertThat(PayloadBytes.payloadOf(Schema.BYTES_SCHEMA, buffer)).containsExactly(2, 3, 4);
    assertThat(PayloadBytes.payloadOf(null, direct)).containsExactly(7, 8, 9);
    assertThat(buffer.position()).isEqualTo(1);
    assertThat(direct.position()).isZero();
  }

  @Test
  void structuredValuesBecomeJson() {
    Schema schema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();

    assertThat(PayloadBytes.payloadOf(schema, new Struct(schema).put("id", 1)))
        .isEqualTo(utf8("{\"id\":1}"));
    assertThat(PayloadBytes.payloadOf(null, Map.of("k", List.of(1, 2))))
        .isEqualTo(utf8("{\"k\":[1,2]}"));
  }

  @Test
  void numbersBooleansAndDecimalsBecomeJson() {
    assertThat(PayloadBytes.payloadOf(Schema.INT64_SCHEMA, 42L)).isEqualTo(utf8("42"));
    assertThat(PayloadBytes.payloadOf(null, true)).isEqualTo(utf8("true"));
    assertThat(PayloadBytes.payloadOf(Decimal.schema(2), new BigDecimal("12.30")))
        .isEqualTo(utf8("12.30"));
  }

  @Test
  void aNullValueHasNoPayload() {
    assertThatThrownBy(() -> PayloadBytes.payloadOf(Schema.OPTIONAL_STRING_SCHEMA, null))
        .isInstanceOf(DataConversionException.class)
        .hasMessageContaining("null");
  }

  @Test
  void anUnsupportedValueIsADataConversionException() {
    assertThatThrownBy(() -> PayloadBytes.payloadOf(null, new Object()))
        .isInstanceOf(DataConversionException.class)
        .hasMessageContaining("java.lang.Object");
  }
}
