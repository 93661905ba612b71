package dev.keyshell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsTrainingTest {

  /** A training run that missed the cache would record the cold path instead of the warm one. */
  @Test
  void the_training_run_is_served_from_the_warm_cache(@TempDir Path root) throws Exception {
    assertEquals(0, CdsTraining.run(root));
  }
}
