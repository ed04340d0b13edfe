package io.driftway.schemaevolution;

import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Makes every property test draw from one fixed seed, so a red build reproduces and a green one
 * does not depend on luck; registered for all properties through {@code
 * META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}. jqwik 1.9 has no setting for a default
 * seed ({@code jqwik.seeds.whenfixed} only says what to do about a seed written on a property), so
 * this hook sets it.
 *
 * <p>The build passes {@value #SEED} (a number, or {@code random} to let jqwik draw one, as {@code
 * ./mvnw verify -Pexplore} does) and {@value #TRIES_FACTOR} (explore runs more tries). A property
 * that names its own seed keeps it. jqwik's report after each property prints the seed used ({@code
 * seed = ...}); replay it with {@code -Djqwik.seed=<seed>}, plus {@code -Pexplore} when an explore
 * run drew it (so the tries match).
 */
public final class PropertySeed implements AroundPropertyHook {

  /** System property: the seed every property uses, or {@code random}. */
  static final String SEED = "driftway.jqwik.seed";

  /** System property: how many times the tries each property asks for to run. */
  static final String TRIES_FACTOR = "driftway.jqwik.tries-factor";

  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    PropertyAttributes attributes = context.attributes();
    seed().filter(seed -> attributes.seed().isEmpty()).ifPresent(attributes::setSeed);
    int factor = Integer.parseInt(System.getProperty(TRIES_FACTOR, "1").trim());
    if (factor != 1) {
      attributes.setTries(attributes.tries().orElse(1000) * factor);
    }
    return property.execute();
  }

  private static Optional<String> seed() {
    String seed = System.getProperty(SEED, "random").trim();
    return seed.isEmpty() || seed.equals("random") ? Optional.empty() : Optional.of(seed);
  }
}
