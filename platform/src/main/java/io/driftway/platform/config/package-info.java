/**
 * Typed configuration: keys declared once with a type, a default and a description; durations, data
 * sizes and enums parsed one way; one {@code ${NAME}} substitution for every YAML file.
 */
package io.driftway.platform.config;
