package org.serialregistry.warranty.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Rows;
import org.serialregistry.warranty.EvidenceFile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.jdbc.core.RowMapper;

/**
 * Proofs of purchase and claim evidence. The type is decided by the file's first bytes (PNG, JPEG,
 * PDF), never by its name or the browser's word; files over 5 MB are refused.
 */
@Repository
public class FileStore {

    public static final int MAX_BYTES = 5 * 1024 * 1024;

    private final JdbcTemplate jdbc;

    FileStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The content type the bytes show, or a refusal naming the field. */
    public static String checkedType(String field, byte @Nullable [] content) {
        return org.serialregistry.shared.DocumentType.of(field, content);
    }

    public EvidenceFile store(@Nullable Long claimId, String field, byte[] content, @Nullable String filename,
                              String by, Instant at) {
        String type = checkedType(field, content);
        String name = filename == null || filename.isBlank() ? "file" : filename.strip();
        name = name.replaceAll("[\\\\/\\p{Cntrl}]", "_");
        if (name.length() > 255) {
            name = name.substring(name.length() - 255);
        }
        String sha = sha256(content);
        var keys = new GeneratedKeyHolder();
        final String n = name;
        jdbc.update(c -> {
            var ps = c.prepareStatement("insert into warranty_file (claim_id, filename, content_type, size_bytes, sha256, "
                    + "uploaded_by, uploaded_at) values (?,?,?,?,?,?,?)", new String[]{"id"});
            ps.setObject(1, claimId);
            ps.setString(2, n);
            ps.setString(3, type);
            ps.setInt(4, content.length);
            ps.setString(5, sha);
            ps.setString(6, by);
            ps.setObject(7, at.atOffset(ZoneOffset.UTC));
            return ps;
        }, keys);
        long id = keys.getKey().longValue();
        jdbc.update("insert into warranty_file_content (file_id, content) values (?, ?)", id, content);
        return new EvidenceFile(id, n, type, content.length, sha, by, at);
    }

    public List<EvidenceFile> ofClaim(long claimId) {
        return jdbc.query("select * from warranty_file where claim_id = ? order by id", FILE, claimId);
    }

    public Optional<EvidenceFile> find(long id) {
        return jdbc.query("select * from warranty_file where id = ?", FILE, id).stream().findFirst();
    }

    public byte[] content(long id) {
        return jdbc.queryForObject("select content from warranty_file_content where file_id = ?", byte[].class, id);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final RowMapper<EvidenceFile> FILE = Rows.of(EvidenceFile.class);
}
