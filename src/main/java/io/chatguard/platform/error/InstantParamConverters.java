package io.chatguard.platform.error;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * ISO-8601 instants in query parameters. Without it an unreadable time is a 404 (the JAX-RS default for a
 * query parameter that does not convert); with it, a 400 that names the parameter and the expected form.
 */
@Provider
public class InstantParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != Instant.class) {
            return null;
        }
        String name = "time";
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                name = q.value();
            }
        }
        String param = name;
        return (ParamConverter<T>) new ParamConverter<Instant>() {
            @Override
            public Instant fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                try {
                    return Instant.parse(value.strip());
                } catch (DateTimeParseException e) {
                    throw new BadRequestException(param + ": expected an ISO-8601 instant such as 2026-11-01T00:00:00Z, got '"
                            + value + "'");
                }
            }

            @Override
            public String toString(Instant value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
