package org.yangguang.distribution.api;

import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The one reader of uploaded CSV files: settlements, receipts and the bank's results all go through it. */
class InputsTest {
    @Test
    void aSpreadsheetsByteOrderMarkAndWindowsLineEndsAreRead() {
        String[] lines = Inputs.csvLines("\uFEFFa,b\r\n1,2\r\n3,4\n", "a,b");
        assertThat(lines).containsExactly("a,b", "1,2", "3,4", "");
    }

    @Test
    void anotherFirstLineIsRefusedNamingTheHeaderItWants() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> Inputs.csvLines("b,a\n1,2\n", "a,b"));
        assertThat(e.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(e.code()).isEqualTo("bad_header");
        assertThat(e.field()).isEqualTo("file");
        assertThat(e.getMessage()).contains("line 1 must be the header 'a,b'");
        assertThat(catchThrowableOfType(ApiException.class, () -> Inputs.csvLines("", "a,b")).code()).isEqualTo("bad_header");
    }
}
