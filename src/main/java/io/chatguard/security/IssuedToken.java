package io.chatguard.security;

/**
 * A newly issued token: the only time its secret value is shown.
 *
 * @param token the bearer token to hand to the client
 * @param details the stored description
 */
public record IssuedToken(String token, ApiTokenView details) {
}
