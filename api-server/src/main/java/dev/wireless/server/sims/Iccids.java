package dev.wireless.server.sims;

import java.security.SecureRandom;

/** ICCIDs: 19 or 20 digits whose last digit is the Luhn check digit of the others (ITU-T E.118). */
public final class Iccids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Iccids() {
  }

  public static boolean isValid(String iccid) {
    if (iccid == null || !iccid.matches("[0-9]{19,20}")) {
      return false;
    }
    return checkDigit(iccid.substring(0, iccid.length() - 1)) == iccid.charAt(iccid.length() - 1) - '0';
  }

  /** The Luhn check digit to append to {@code digits}. */
  public static int checkDigit(String digits) {
    int sum = 0;
    boolean twice = true;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return (10 - sum % 10) % 10;
  }

  /** A random valid 19-digit ICCID with the telecom prefix 89 and {@code issuer} digits after it. */
  public static String random(String issuer) {
    StringBuilder digits = new StringBuilder("89").append(issuer);
    while (digits.length() < 18) {
      digits.append(RANDOM.nextInt(10));
    }
    return digits.append(checkDigit(digits.toString())).toString();
  }
}
