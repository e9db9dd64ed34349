package org.serialregistry.verification.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.verification.PublicVerdict;
import org.serialregistry.verification.VerificationAnswer;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

/**
 * The public pages, rendered on the server from text blocks: no template engine, no JavaScript,
 * inline CSS, a few kilobytes. Every value that came from a request or the database goes through
 * {@link #e(Object)} (HTML escaping); nothing else is concatenated into the markup.
 */
final class VerificationPages {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final String CSS = """
            *{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
            color:#1b1f24;background:#f4f5f7}main{max-width:34rem;margin:0 auto;padding:1rem}\
            .v{border-radius:14px;padding:1.1rem 1.2rem;color:#fff;margin-bottom:1rem}\
            .v h1{margin:.1rem 0 .4rem;font-size:1.7rem;line-height:1.2}.v p{margin:0;font-size:1.05rem}\
            .i{font-size:2.4rem;line-height:1;display:block}\
            .ok{background:#16794a}.warn{background:#a15c00}.bad{background:#b3261e}.inv{background:#4b5563}\
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem .9rem;background:#fff;border-radius:12px;\
            padding:1rem;margin:0 0 1rem}dt{color:#5b6470}dd{margin:0;overflow-wrap:break-word;font-weight:600}dd.code{overflow-wrap:anywhere}\
            .card{background:#fff;border-radius:12px;padding:1rem;margin:0 0 1rem}\
            a{color:#0b57d0}nav a{display:inline-block;margin:.2rem .8rem .2rem 0}\
            label{display:block;margin:.5rem 0 .2rem;color:#5b6470}\
            input{font:inherit;padding:.45rem .6rem;border:1px solid #9aa3ad;border-radius:8px;width:100%}\
            .err{color:#b3261e;margin:.2rem 0 0;font-weight:600}.thanks{border-left:4px solid #16794a}\
            input.short{width:5rem}button{font:inherit;padding:.5rem 1rem;border:0;border-radius:8px;\
            background:#0b57d0;color:#fff;margin-top:.7rem}footer{color:#5b6470;font-size:.85rem}""";

    private VerificationPages() {
    }

    static String e(@Nullable Object value) {
        return value == null ? "" : htmlEscape(String.valueOf(value), "UTF-8");
    }

    /** The answer page of a verification. */
    static String answer(VerificationAnswer a, String gtinShown, @Nullable String lotShown, String serialShown,
                         String selfPath, boolean registrationAvailable, Instant at) {
        return answer(a, gtinShown, lotShown, serialShown, selfPath, registrationAvailable, at, null);
    }

    /**
     * The answer page; {@code countryNoted} is the country a person just sent (then thanked for it
     * instead of being asked again), or null.
     */
    static String answer(VerificationAnswer a, String gtinShown, @Nullable String lotShown, String serialShown,
                         String selfPath, boolean registrationAvailable, Instant at, @Nullable String countryNoted) {
        String css = switch (a.verdict()) {
            case GENUINE -> "ok";
            // a genuine code on a stolen or destroyed unit means the unit in hand is suspect: red, not amber
            case GENUINE_WITH_WARNING -> "Suspect".equals(a.additionalInfo()) ? "bad" : "warn";
            case INVALID -> "inv";
            default -> "bad";
        };
        String icon = switch (a.verdict()) {
            case GENUINE -> "&#10004;";
            case GENUINE_WITH_WARNING -> "&#9888;";
            case INVALID -> "?";
            default -> "&#10008;";
        };
        var details = new StringBuilder();
        if (a.product() != null && a.product().name() != null) {
            row(details, "Product", a.product().name());
        }
        codeRow(details, "GTIN", gtinShown);
        codeRow(details, "Serial", serialShown);
        row(details, "Lot", a.lot() != null ? a.lot() : lotShown);
        row(details, "Made on", a.productionDate());
        row(details, "Expires", a.expiryDate());
        if (a.status() != null) {
            row(details, "Status", UnitStatus.valueOf(a.status()).label());
        }
        if (a.warranty() != null) {
            row(details, "Warranty", a.warranty().explanation());
        }
        var body = new StringBuilder();
        body.append("<section class=\"v ").append(css).append("\" role=\"status\"><span class=\"i\" aria-hidden=\"true\">")
                .append(icon).append("</span><h1>").append(e(heading(a))).append("</h1><p>").append(e(a.message()))
                .append("</p></section>\n<dl>").append(details).append("</dl>\n");
        var factors = a.secondFactors();
        if (factors != null) {
            body.append("<section class=\"card factors\"><h2>How sure: ").append(e(factors.strength()))
                    .append("</h2><p>").append(e(factors.summary())).append("</p>");
            if (!factors.checked().isEmpty()) {
                body.append("<ul>");
                for (var c : factors.checked()) {
                    body.append("<li>").append(e(capitalise(c.factor()))).append(": ").append(e(c.message())).append("</li>");
                }
                body.append("</ul>");
            }
            if (factors.notRead().contains("scratch-off code") || factors.notRead().contains("hologram")) {
                body.append("<form method=\"get\" action=\"").append(e(selfPath)).append("\">");
                if (factors.notRead().contains("scratch-off code")) {
                    body.append("<label for=\"scratch\">Scratch-off code (scratch the field on the label; the code "
                            + "can be checked once)</label><input id=\"scratch\" name=\"scratch\" maxlength=\"20\" "
                            + "autocomplete=\"off\">");
                }
                if (factors.notRead().contains("hologram")) {
                    body.append("<label for=\"hologram\">Hologram number</label><input id=\"hologram\" "
                            + "name=\"hologram\" maxlength=\"32\" autocomplete=\"off\">");
                }
                body.append("<button type=\"submit\">Check</button></form>");
            }
            body.append("</section>\n");
        }
        if (a.reportTo() != null) {
            body.append("<p class=\"card\">Report a suspect unit: <a href=\"").append(e(a.reportTo())).append("\">")
                    .append(e(a.reportTo().replaceFirst("^mailto:", ""))).append("</a></p>\n");
        }
        if (a.verdict() == PublicVerdict.INVALID) {
            // a next step for a code that could not be read
            body.append("""
                    <section class="card next"><h2>What you can do</h2><ul>\
                    <li>Scan the code again, holding the phone steady and straight above it.</li>\
                    <li>Or type the address printed under the code exactly as shown.</li>\
                    <li>If the label looks damaged or altered, do not use the product and ask the seller or the \
                    manufacturer.</li></ul></section>
                    """);
        }
        if (a.verdict() != PublicVerdict.INVALID) {
            body.append("<nav class=\"card\">");
            if (registrable(a) && registrationAvailable) {
                body.append("<a href=\"").append(e(selfPath)).append("?linkType=gs1:registerProduct\">Register this product</a>");
            }
            if (a.verified()) {
                body.append("<a href=\"").append(e(selfPath)).append("?linkType=gs1:serviceInfo\">Service information</a>");
            }
            body.append("<a href=\"").append(e(selfPath)).append("?linkType=linkset\">All links (link set)</a></nav>\n");
            if (countryNoted != null) {
                body.append("<p class=\"card thanks\" role=\"status\">Thank you: we noted that you checked this product "
                        + "in ").append(e(countryNoted)).append(". It helps us spot counterfeits.</p>\n");
            } else {
                body.append("""
                        <form class="card" method="get" action="%s"><label for="country">Help us spot counterfeits: \
                        which country are you in? (optional, two letters such as DE)</label>\
                        <input class="short" id="country" name="country" maxlength="2" pattern="[A-Za-z]{2}" \
                        autocomplete="off"><button type="submit">Send</button></form>
                        """.formatted(e(selfPath)));
            }
        }
        body.append("<footer>Checked ").append(e(STAMP.format(at))).append(" &middot; Serial Registry</footer>");
        return page(heading(a), body.toString());
    }

    /**
     * Whether the page offers to register the unit: genuine and still in use. A stolen or destroyed
     * unit cannot get a new owner.
     */
    static boolean registrable(VerificationAnswer a) {
        return a.verified() && (a.status() == null || !UnitStatus.valueOf(a.status()).terminal());
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String heading(VerificationAnswer a) {
        return switch (a.verdict()) {
            case GENUINE -> "Genuine";
            case GENUINE_WITH_WARNING -> switch (a.status() == null ? "" : a.status()) {
                case "RECALLED" -> "Recalled";
                case "STOLEN" -> "Reported stolen";
                case "DESTROYED" -> "Reported destroyed";
                case "LOCKED" -> "Locked";
                case "EXPORTED" -> "Genuine, exported";
                case "SAMPLE" -> "Genuine sample";
                default -> "Expired".equals(a.additionalInfo()) ? "Expired" : "Genuine, with a warning";
            };
            case NOT_GENUINE -> "Not genuine";
            case REPORTED_COUNTERFEIT -> "Reported as counterfeit";
            case MISMATCH -> "Does not match";
            case INVALID -> "Not a valid code";
        };
    }

    static String error(String title, String message) {
        return page(title, "<section class=\"v inv\" role=\"status\"><span class=\"i\" aria-hidden=\"true\">!</span><h1>"
                + e(title) + "</h1><p>" + e(message) + "</p></section><footer>Serial Registry</footer>");
    }

    static String registrationForm(String productName, String serialShown, String selfPath, @Nullable String problem) {
        return registrationForm(productName, serialShown, selfPath,
                problem == null ? null : new IllegalArgumentException(problem), Map.of(), null, null);
    }

    /** A proof of purchase sent with a registration that was refused, kept in the page so it need not be chosen again. */
    record KeptProof(String name, String contentType, String base64) {
    }

    private static final Map<String, String> LABELS = Map.of("ownerName", "Your name", "email", "E-mail",
            "purchaseDate", "Date of purchase", "retailer", "Bought from", "proof", "Proof of purchase");

    /**
     * The registration form; after a refusal every problem is shown at its field in words, what was
     * typed is filled in again, and the chosen file is kept.
     */
    static String registrationForm(String productName, String serialShown, String selfPath,
                                   @Nullable RuntimeException problem, Map<String, String> typed,
                                   @Nullable KeptProof kept, @Nullable LocalDate today) {
        var atField = new java.util.HashMap<String, String>();
        var general = new ArrayList<String>();
        if (problem != null) {
            for (var p : InvalidInput.of(problem)) {
                if (LABELS.containsKey(p.field())) {
                    atField.merge(p.field(), p.message(), (a, b) -> a + "; " + b);
                } else {
                    general.add(p.message());
                }
            }
        }
        String warning = problem == null ? "" : "<p class=\"v bad\" role=\"alert\">"
                + e(general.isEmpty() ? "Please correct what is marked below." : String.join(" ", general)) + "</p>";
        var form = new StringBuilder();
        input(form, "ownerName", "text", "required maxlength=\"128\"", typed, atField);
        input(form, "email", "email", "required maxlength=\"254\"", typed, atField);
        input(form, "purchaseDate", "date", "required" + (today == null ? "" : " max=\"" + today + "\""), typed, atField);
        input(form, "retailer", "text", "required maxlength=\"128\"", typed, atField);
        form.append("<label for=\"proof\">Proof of purchase (optional, PDF or image, up to 1 MB)</label>");
        if (kept != null) {
            form.append("<p>Kept from your last try: <strong>").append(e(kept.name())).append("</strong> (choose another "
                    + "file to replace it)</p><input type=\"hidden\" name=\"proofKept\" value=\"").append(e(kept.base64()))
                    .append("\"><input type=\"hidden\" name=\"proofKeptName\" value=\"").append(e(kept.name()))
                    .append("\"><input type=\"hidden\" name=\"proofKeptType\" value=\"").append(e(kept.contentType()))
                    .append("\">");
        }
        form.append("<input id=\"proof\" name=\"proof\" type=\"file\" accept=\"application/pdf,image/*\"");
        fieldError(form, "proof", atField);
        return page("Register your product", """
                <h1>Register your product</h1>%s
                <p class="card">%s &middot; serial <strong>%s</strong></p>
                <form class="card" method="post" action="%s?linkType=gs1:registerProduct" enctype="multipart/form-data">
                %s<button type="submit">Register</button></form>
                <footer>Serial Registry</footer>""".formatted(warning, e(productName), e(serialShown), e(selfPath), form));
    }

    private static void input(StringBuilder form, String name, String type, String attributes, Map<String, String> typed,
                              Map<String, String> atField) {
        form.append("<label for=\"").append(name).append("\">").append(e(LABELS.get(name))).append("</label><input id=\"")
                .append(name).append("\" name=\"").append(name).append("\" type=\"").append(type).append("\" ")
                .append(attributes).append(" value=\"").append(e(typed.getOrDefault(name, ""))).append("\"");
        fieldError(form, name, atField);
    }

    /** Closes the input tag; with its problem below it, tied to it for screen readers. */
    private static void fieldError(StringBuilder form, String name, Map<String, String> atField) {
        String problem = atField.get(name);
        if (problem == null) {
            form.append(">");
            return;
        }
        form.append(" aria-invalid=\"true\" aria-describedby=\"").append(name).append("-error\"><p class=\"err\" id=\"")
                .append(name).append("-error\">").append(e(capitalise(problem))).append("</p>");
    }

    static String message(String title, String message, String cssClass, String backPath) {
        return page(title, "<section class=\"v " + cssClass + "\" role=\"status\"><h1>" + e(title) + "</h1><p>" + e(message)
                + "</p></section><p class=\"card\"><a href=\"" + e(backPath) + "\">Back to the verification</a></p>"
                + "<footer>Serial Registry</footer>");
    }

    static String serviceInfo(VerificationAnswer a, String serialShown, String selfPath) {
        var details = new StringBuilder();
        if (a.product() != null) {
            row(details, "Product", a.product().name());
            row(details, "GTIN", a.product().gtin());
        }
        row(details, "Serial", serialShown);
        row(details, "Made on", a.productionDate());
        if (a.warranty() != null) {
            row(details, "Warranty", a.warranty().explanation());
        }
        return page("Service information", "<h1>Service information</h1><dl>" + details + "</dl>"
                + "<p class=\"card\">For repairs and returns, contact an authorised service centre and quote the serial. "
                + "Units that are not genuine are not serviced.</p><p class=\"card\"><a href=\"" + e(selfPath)
                + "\">Back to the verification</a></p><footer>Serial Registry</footer>");
    }

    private static void codeRow(StringBuilder out, String label, @Nullable Object value) {
        if (value != null && !String.valueOf(value).isEmpty()) {
            out.append("<dt>").append(e(label)).append("</dt><dd class=\"code\">").append(e(value)).append("</dd>");
        }
    }

    private static void row(StringBuilder out, String label, @Nullable Object value) {
        if (value != null && !String.valueOf(value).isEmpty()) {
            out.append("<dt>").append(e(label)).append("</dt><dd>").append(e(value)).append("</dd>");
        }
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width,initial-scale=1">
                <meta name="robots" content="noindex">
                <title>%s &middot; Serial Registry</title>
                <style>%s</style></head>
                <body><main>
                %s
                </main></body></html>
                """.formatted(e(title), CSS, body);
    }
}
