package org.serialregistry.shared;

import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.util.ClassUtils;

/**
 * The one way a store maps rows onto a record: each column goes to the record component of the same
 * name, snake_case or not ({@code unit_serial} to {@code unitSerial}), with Spring's conversions
 * (enums from text, {@code Instant} from timestamps, nullable numbers), as Spring's
 * {@code DataClassRowMapper} and {@code JdbcClient.query(Class)} do; an id record ({@link NumericId})
 * from its number column, which Spring's conversions cannot make.
 *
 * <p>Why not those two: they find each column by asking {@code ResultSet.findColumn} for the
 * component's name and, when that throws, for its snake_case name. A thrown {@code SQLException}
 * per multi-word column and row costs microseconds on every driver, and H2 also writes each one to
 * its trace file: under verification load the lookup of a unit wrote 100 MB of trace in four
 * minutes and answered 25 times slower. Here the columns are matched once per result set, from its
 * metadata, and nothing throws. {@code RowMappingTest} keeps stores from going back.
 *
 * <p>A mapper may be kept in a constant and shared between threads.
 */
public final class Rows {

    private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();
    private static final Map<Class<?>, Shape<?>> SHAPES = new ConcurrentHashMap<>();

    private Rows() {
    }

    /** Maps each row onto {@code type}'s constructor (a record's canonical one), matching columns by name. */
    @SuppressWarnings("unchecked")
    public static <T> RowMapper<T> of(Class<T> type) {
        return new Mapper<>((Shape<T>) SHAPES.computeIfAbsent(type, Shape::of));
    }

    /** Lower case without underscores: the form under which a column label and a component name meet. */
    static String key(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Types read with the driver's typed {@code getObject(column, type)}: those Spring's {@code JdbcUtils}
     * reads itself, and those JDBC 4.2 requires every driver to make (java.time's local and offset types) or
     * both our drivers make (UUID). For any other type (an enum, {@code Instant}) PostgreSQL's driver throws
     * "conversion not supported" and Spring then reads the plain value: an exception made, checked by the pool
     * and dropped per such column and row (754,133 in one run of the 10 M-unit verification benchmark, most
     * from counterfeit detection's rows). Those are read as the plain value and converted at once.
     */
    private static final java.util.Set<Class<?>> TYPED = java.util.Set.of(String.class, Boolean.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, Number.class, java.math.BigDecimal.class,
            java.math.BigInteger.class, java.sql.Date.class, java.sql.Time.class, java.sql.Timestamp.class,
            java.util.Date.class, byte[].class, java.sql.Blob.class, java.sql.Clob.class, Object.class,
            java.time.LocalDate.class, java.time.LocalTime.class, java.time.LocalDateTime.class,
            java.time.OffsetDateTime.class, java.time.OffsetTime.class, java.util.UUID.class);

    static boolean readTyped(Class<?> type) {
        return type.isPrimitive() || TYPED.contains(type);
    }

    private record Shape<T>(Class<T> type, Constructor<T> constructor, String[] names, String[] keys,
                            TypeDescriptor[] types, @Nullable Constructor<?>[] ids, boolean[] typed) {

        static <T> Shape<T> of(Class<T> type) {
            Constructor<T> constructor = BeanUtils.getResolvableConstructor(type);
            String[] names = BeanUtils.getParameterNames(constructor);
            var keys = new String[names.length];
            var types = new TypeDescriptor[names.length];
            var ids = new @Nullable Constructor<?>[names.length];
            var typed = new boolean[names.length];
            for (int i = 0; i < names.length; i++) {
                keys[i] = key(names[i]);
                types[i] = new TypeDescriptor(new MethodParameter(constructor, i));
                typed[i] = readTyped(types[i].getType());
                if (NumericId.class.isAssignableFrom(types[i].getType())) {
                    ids[i] = ClassUtils.getConstructorIfAvailable(types[i].getType(), long.class);
                }
            }
            return new Shape<>(type, constructor, names, keys, types, ids, typed);
        }

        /** Column index (1-based) of each constructor parameter in this result set. */
        int[] columnsIn(ResultSet rs) throws SQLException {
            ResultSetMetaData meta = rs.getMetaData();
            int count = meta.getColumnCount();
            var byKey = new HashMap<String, Integer>(count * 2);
            for (int column = count; column >= 1; column--) { // the first of two alike columns wins
                byKey.put(key(JdbcUtils.lookupColumnName(meta, column)), column);
            }
            var columns = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                Integer column = byKey.get(keys[i]);
                if (column == null) {
                    throw new IllegalStateException("The query has no column for " + type.getSimpleName() + "."
                            + names[i] + " (columns: " + byKey.keySet() + ")");
                }
                columns[i] = column;
            }
            return columns;
        }

        T map(ResultSet rs, int[] columns) throws SQLException {
            var args = new @Nullable Object[columns.length];
            for (int i = 0; i < columns.length; i++) {
                Constructor<?> id = ids[i];
                if (id != null) {
                    long number = rs.getLong(columns[i]);
                    args[i] = rs.wasNull() ? null : BeanUtils.instantiateClass(id, number);
                    continue;
                }
                Object value = typed[i] ? JdbcUtils.getResultSetValue(rs, columns[i], types[i].getType())
                        : JdbcUtils.getResultSetValue(rs, columns[i]);
                args[i] = value == null ? null : CONVERSIONS.convert(value, TypeDescriptor.forObject(value), types[i]);
            }
            return BeanUtils.instantiateClass(constructor, args);
        }
    }

    /** The columns found for the last result set this mapper saw; a new result set is matched again. */
    private record Binding(WeakReference<ResultSet> resultSet, int[] columns) {
    }

    private static final class Mapper<T> implements RowMapper<T> {

        private final Shape<T> shape;
        private volatile @Nullable Binding last;

        Mapper(Shape<T> shape) {
            this.shape = shape;
        }

        @Override
        public T mapRow(ResultSet rs, int rowNum) throws SQLException {
            Binding binding = last;
            if (binding == null || binding.resultSet().get() != rs) {
                binding = new Binding(new WeakReference<>(rs), shape.columnsIn(rs));
                last = binding;
            }
            return shape.map(rs, binding.columns());
        }
    }
}
