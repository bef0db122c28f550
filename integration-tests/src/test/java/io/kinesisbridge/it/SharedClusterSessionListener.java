package io.kinesisbridge.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the {@link SharedConnectCluster} once every test class has run, while the JVM still runs
 * normally. Registered through {@code META-INF/services}.
 */
public final class SharedClusterSessionListener implements LauncherSessionListener {

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    SharedConnectCluster.stopIfStarted();
  }
}
