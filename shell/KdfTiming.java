import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The local vault's KDF in isolation, as shell/bench.sh reports it: PBKDF2-HMAC-SHA256 with
 * 600,000 iterations (LocalVaultStore.ITERATIONS), timed the way an unlock pays it, in a fresh JVM.
 * Run with: java shell/KdfTiming.java [label]
 */
public class KdfTiming {
  public static void main(String[] args) throws Exception {
    String label = args.length > 0 ? " " + args[0] : "";
    byte[] salt = new byte[16];
    for (int round = 1; round <= 3; round++) {
      PBEKeySpec spec = new PBEKeySpec("correct-horse".toCharArray(), salt, 600_000, 256);
      long start = System.nanoTime();
      SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("   PBKDF2 600k%s, run %d in this JVM: %d ms%n", label, round, ms);
    }
  }
}
