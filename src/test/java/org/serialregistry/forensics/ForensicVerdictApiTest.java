package org.serialregistry.forensics;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A lab system works a suspect unit through the API: reads the submission, records the checklist and
 * signs a verdict, the signer proving who they are in the request (an API key alone signs nothing).
 */
@IntegrationTest
class ForensicVerdictApiTest extends DemoApi {

    long submitted(String serial) throws Exception {
        var answer = mvc.perform(multipart("/api/v1/forensic-submissions")
                        .file(new MockMultipartFile("photos", "label.jpg", "image/jpeg", TestImages.photo("jpeg", 320, 240)))
                        .param("serial", serial).param("foundWhere", "Hamburg depot").param("receivedFrom", "Carrier X")
                        .header("Authorization", DISTRIBUTOR))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("id").asLong();
    }

    String verdict(String extra) {
        return "{\"verdict\":\"COUNTERFEIT\",\"meaning\":\"RESPONSIBILITY\",\"reasoning\":\"Blurred print, wrong weight\""
                + extra + "}";
    }

    @Test
    void aReviewerSignsACounterfeitVerdictThroughTheApiAndTheRecordIsTheirs() throws Exception {
        String serial = jdbc.queryForObject("select u.serial from unit u left join unit_status s on s.serial = u.serial "
                + "where u.lot = 'A2611' and s.status is null order by u.serial offset 44 rows fetch next 1 rows only",
                String.class);
        long id = submitted(serial);

        mvc.perform(get("/api/v1/forensic-submissions").param("state", "OPEN").param("size", "500")
                        .header("Authorization", FORENSICS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.id == " + id + ")].serial").value(serial));
        mvc.perform(get("/api/v1/forensic-submissions/" + id + "/pre-checks").header("Authorization", FORENSICS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.codeGenuine").value(true))
                .andExpect(jsonPath("$.unit.serial").value(serial));
        var photoId = json.readTree(mvc.perform(get("/api/v1/forensic-submissions/" + id).header("Authorization", FORENSICS))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("photos").get(0).get("id").asLong();
        mvc.perform(get("/api/v1/forensic-submissions/photos/" + photoId).header("Authorization", FORENSICS))
                .andExpect(status().isOk());

        // a counterfeit verdict needs an inspection result first; the problems come before any password is asked
        mvc.perform(post("/api/v1/forensic-submissions/" + id + "/verdicts").header("Authorization", FORENSICS)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"verdict\":\"COUNTERFEIT\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("meaning"))
                .andExpect(jsonPath("$.detail").value(allOf(containsString("reasoning:"), containsString("checklist:"))));
        mvc.perform(put("/api/v1/forensic-submissions/" + id + "/checklist").header("Authorization", FORENSICS)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"entries":[{"item":"MARKING_AND_LABEL_PRINT","result":"FAIL","note":"Blurred print"}]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.item == 'MARKING_AND_LABEL_PRINT')].result").value("FAIL"));

        // the key alone, a wrong password, a signer without the role: nothing signed
        for (String[] refusal : new String[][] {{"", "signature.username"},
                {",\"signature\":{\"username\":\"forensics\",\"password\":\"wrong\"}", "signature.password"},
                {",\"signature\":{\"username\":\"warranty\",\"password\":\"warranty\"}", "signature.username"}}) {
            mvc.perform(post("/api/v1/forensic-submissions/" + id + "/verdicts").header("Authorization", FORENSICS)
                            .contentType(MediaType.APPLICATION_JSON).content(verdict(refusal[0])))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value(refusal[1]));
        }
        assertThat(jdbc.queryForObject("select count(*) from forensic_verdict where submission_id = ?", Long.class, id))
                .isZero();

        mvc.perform(post("/api/v1/forensic-submissions/" + id + "/verdicts").header("Authorization", FORENSICS)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(verdict(",\"signature\":{\"username\":\"forensics\",\"password\":\"forensics\"}")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.verdict").value("COUNTERFEIT"))
                .andExpect(jsonPath("$.signer").value("forensics"))
                .andExpect(jsonPath("$.meaning").value("RESPONSIBILITY"))
                .andExpect(jsonPath("$.intact").value(true));
        mvc.perform(get("/api/v1/forensic-submissions/" + id + "/verdicts").header("Authorization", FORENSICS))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].checklist[?(@.item == 'MARKING_AND_LABEL_PRINT')].result").value("FAIL"));
        mvc.perform(get("/api/v1/forensic-submissions").param("state", "COUNTERFEIT").param("size", "500")
                        .header("Authorization", FORENSICS))
                .andExpect(jsonPath("$.items[?(@.id == " + id + ")].currentVerdict.signer").value("forensics"));
        assertThat(jdbc.queryForList("select actor || ' ' || action from audit_entry where subject_type = "
                + "'forensic-submission' and subject_id = ? order by id", String.class, String.valueOf(id)))
                .contains("api-key:demofors forensic.checklist-saved", "api-key:demofors forensic.verdict-signed");
        assertThat(jdbc.queryForObject("select after_state from audit_entry where subject_type = 'forensic-submission' "
                + "and subject_id = ? and action = 'forensic.verdict-signed'", String.class, String.valueOf(id)))
                .contains("\"signer\":\"forensics\"");

        mvc.perform(get("/api/v1/forensic-submissions/" + id).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isForbidden());
    }
}
