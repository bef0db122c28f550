/**
 * Shard auto-scaling of the sink's stream: the settings ({@link
 * io.kinesisbridge.sink.autoscale.AutoscaleConfig}, {@link
 * io.kinesisbridge.sink.autoscale.ScalingPolicy}) and the pure decision engine ({@link
 * io.kinesisbridge.sink.autoscale.ScalingDecisionEngine}) that turns load measurements into a
 * scale-out, scale-in or hold decision within Kinesis's UpdateShardCount rules.
 */
package io.kinesisbridge.sink.autoscale;
