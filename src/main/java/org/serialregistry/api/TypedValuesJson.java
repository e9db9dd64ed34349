package org.serialregistry.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.NumericId;
import org.serialregistry.shared.SerialNumber;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The shared value types ({@link Gtin}, {@link SerialNumber}, {@link LotNumber}) as plain JSON strings
 * in every request and answer, so that a request record can carry them typed while the wire format and
 * the OpenAPI schema stay strings. They are read as the API reads such input everywhere: a GTIN-8, -12,
 * -13 or -14 ({@link Gtin#of}); serials and lots without surrounding spaces and in any case (serials and
 * lots are uppercase letters and digits, see {@code UnitCode}); an empty string is an absent value,
 * which the service then names as missing where it is required.
 *
 * <p>A value its type refuses is a problem of its field ("gtin: GTIN check digit is ..."), with the
 * message of the type's constructor. All such problems of one request body are collected and answered
 * at once as one {@link InvalidInput} (a 400 problem naming the first field in {@code field} and every
 * field in {@code fields}); the body is not handed to the controller then. Checks the services make
 * after reading (required fields, unknown products) come in a second answer, as before.
 *
 * <p>The object form {@code {"value": "..."}}, which these records were written as before this
 * module (event publications stored in the database), is still read.
 *
 * <p>The id records ({@link NumericId}: {@code ClaimId}, {@code LifecycleEventId}, ...) are plain JSON
 * numbers, written and read as the {@code long} components they replaced were; so an answer keeps its
 * numbers, and an event publication stored while the event still had a {@code long} is read into the
 * typed event. The OpenAPI schema shows them as 64-bit integers.
 */
@Configuration(proxyBeanMethods = false)
class TypedValuesJson {

    /** The per-read attribute holding the problems found so far; set by the outermost record being read. */
    private static final Object PROBLEMS = TypedValuesJson.class;

    TypedValuesJson() {
        SpringDocUtils.getConfig()
                .replaceWithSchema(Gtin.class, new StringSchema().description("GTIN-8, -12, -13 or -14, check digit verified")
                        .example("09506000134352"))
                .replaceWithSchema(SerialNumber.class, new StringSchema().description("1 to 20 letters and digits")
                        .example("1027WRQMTYCQ60KN9CTA"))
                .replaceWithSchema(LotNumber.class, new StringSchema().description("1 to 20 letters and digits")
                        .example("A2611"));
    }

    @Bean
    JacksonModule typedValuesModule() {
        return module();
    }

    /** springdoc's schema of an id record: the integer it is on the wire, not an object with a value. */
    @Bean
    ModelConverter idsAsIntegers() {
        return (type, context, chain) -> {
            if (NumericId.class.isAssignableFrom(Json.mapper().constructType(type.getType()).getRawClass())) {
                return new IntegerSchema().format("int64");
            }
            return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        };
    }

    /** The module on its own, for tests and mappers made by hand. */
    static SimpleModule module() {
        var module = new SimpleModule("serial-registry-typed-values");
        plain(module, Gtin.class, Gtin::value, Gtin::of);
        plain(module, SerialNumber.class, SerialNumber::value, s -> new SerialNumber(s.strip().toUpperCase(Locale.ROOT)));
        plain(module, LotNumber.class, LotNumber::value, s -> new LotNumber(s.strip().toUpperCase(Locale.ROOT)));
        module.addSerializer(NumericId.class, new StdSerializer<>(NumericId.class) {
            @Override
            public void serialize(NumericId id, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeNumber(id.value());
            }
        });
        module.setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier bean,
                                                           ValueDeserializer<?> deserializer) {
                Class<?> type = bean.getBeanClass();
                if (NumericId.class.isAssignableFrom(type)) {
                    return new IdNumber<>(type);
                }
                return type.getName().startsWith("org.serialregistry.") ? new CollectingProblems(deserializer) : deserializer;
            }
        });
        return module;
    }

    private static <T> void plain(SimpleModule module, Class<T> type, Function<T, String> text, Function<String, T> parse) {
        module.addSerializer(type, new StdSerializer<T>(type) {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(text.apply(value));
            }
        });
        module.addDeserializer(type, new TypedValue<>(type, parse));
    }

    /** Reads one value from a JSON string; a refused value becomes a problem of its field. */
    static final class TypedValue<T> extends StdDeserializer<T> {

        private final Class<T> type;
        private final Function<String, T> parse;

        TypedValue(Class<T> type, Function<String, T> parse) {
            super(type);
            this.type = type;
            this.parse = parse;
        }

        @Override
        public @Nullable T deserialize(JsonParser p, DeserializationContext ctxt) {
            String text;
            if (p.hasToken(JsonToken.START_OBJECT)) {
                text = ctxt.readTree(p).path("value").asString(null);
            } else if (p.currentToken() != null && p.currentToken().isScalarValue()) {
                text = p.getValueAsString();
            } else {
                @SuppressWarnings("unchecked")
                T never = (T) ctxt.handleUnexpectedToken(type, p);
                return never;
            }
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                var context = p.streamReadContext();
                boolean element = context.inArray();
                String field = fieldOf(context);
                String message = element ? text.strip() + ": " + e.getMessage() : e.getMessage();
                @SuppressWarnings("unchecked")
                var problems = (List<InvalidInput.Problem>) ctxt.getAttribute(PROBLEMS);
                if (problems == null) {
                    throw new InvalidInput(List.of(new InvalidInput.Problem(field, message)));
                }
                if (problems.stream().noneMatch(x -> x.field().equals(field))) {
                    problems.add(new InvalidInput.Problem(field, message));
                }
                return null;
            }
        }

        /** The name of the property the value belongs to; for a list's element, the list's. */
        private static String fieldOf(TokenStreamContext context) {
            for (var c = context; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject() && c.currentName() != null) {
                    return c.currentName();
                }
            }
            return "value";
        }
    }

    /** Reads an id record from a number, as a {@code long} property is read (same coercions, same messages). */
    static final class IdNumber<T> extends StdDeserializer<T> {

        private final Constructor<T> make;

        IdNumber(Class<T> type) {
            super(type);
            try {
                this.make = type.getConstructor(long.class);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " is a NumericId without a public (long) constructor", e);
            }
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) {
            long value = ctxt.readValue(p, Long.TYPE);
            try {
                return make.newInstance(value);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Around the reading of each of the application's own records and classes: the outermost one
     * being read collects the problems of every typed value inside it and throws them together.
     */
    static final class CollectingProblems extends DelegatingDeserializer {

        CollectingProblems(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new CollectingProblems(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            if (ctxt.getAttribute(PROBLEMS) != null) {
                return super.deserialize(p, ctxt);
            }
            var problems = new ArrayList<InvalidInput.Problem>();
            ctxt.setAttribute(PROBLEMS, problems);
            try {
                Object value = super.deserialize(p, ctxt);
                if (!problems.isEmpty()) {
                    throw new InvalidInput(problems);
                }
                return value;
            } catch (DatabindException e) {
                // a record that refuses the nulls left by refused values: the values are the problem
                if (!problems.isEmpty()) {
                    throw new InvalidInput(problems);
                }
                throw e;
            } finally {
                ctxt.setAttribute(PROBLEMS, null);
            }
        }
    }
}
