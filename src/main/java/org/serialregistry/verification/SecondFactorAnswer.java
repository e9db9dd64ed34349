package org.serialregistry.verification;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which factors a verification checked besides the printed code, and how strong the answer is.
 *
 * @param strength plain words: "code only", "code + NFC tag", "code + scratch-off code", ...
 * @param checked  each factor read with the code and how it checked
 * @param notRead  factors this unit carries that were not read ("NFC tag", "scratch-off code", "hologram")
 * @param summary  one sentence for people
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SecondFactorAnswer(String strength, List<Checked> checked, List<String> notRead, String summary) {

    /**
     * One factor as checked.
     *
     * @param result {@code confirmed}, {@code copied-tag-link}, {@code already-used} or {@code not-this-unit}
     */
    public record Checked(String factor, String result, String message) {
    }

    static final SecondFactorAnswer CODE_ONLY = new SecondFactorAnswer("code only", List.of(), List.of(),
            "Checked: the printed code only.");
}
