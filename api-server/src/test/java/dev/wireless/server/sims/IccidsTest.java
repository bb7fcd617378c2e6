package dev.wireless.server.sims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IccidsTest {

  @Test
  void luhnCheckDigit() {
    assertEquals(3, Iccids.checkDigit("7992739871"));
    assertTrue(Iccids.isValid("8944500102198304826"));
    assertFalse(Iccids.isValid("8944500102198304827"));
  }

  @Test
  void lengthAndDigitsOnly() {
    assertFalse(Iccids.isValid("894450010219830482"));
    assertFalse(Iccids.isValid("8944500102198304826" + (Iccids.checkDigit("8944500102198304826") + 1) % 10));
    assertTrue(Iccids.isValid("8944500102198304826" + Iccids.checkDigit("8944500102198304826")));
    assertFalse(Iccids.isValid("89445001021983048a6"));
    assertFalse(Iccids.isValid(null));
  }

  @Test
  void randomIccidsAreValid() {
    for (int i = 0; i < 1000; i++) {
      String iccid = Iccids.random("01");
      assertTrue(Iccids.isValid(iccid), iccid);
      assertEquals(19, iccid.length());
    }
  }
}
