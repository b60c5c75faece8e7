package io.chatguard.security;

import java.util.Set;

/**
 * Who the caller is.
 *
 * @param name username or token principal
 * @param roles granted roles
 * @param authMethod {@code session} or {@code token}
 */
public record MeView(String name, Set<String> roles, String authMethod) {
}
