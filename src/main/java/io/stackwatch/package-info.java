/**
 * stackwatch: the operations and cost dashboard for an AWS web stack. Data flows one way, and the
 * packages are its steps: {@code catalog} (what is watched) and the vocabularies {@code series} and
 * {@code datafile}; {@code aws} (clients, call accounting); {@code cloudwatch} and {@code cost}
 * (collectors); {@code store}; {@code alarm}, {@code dashboard}, {@code maintenance} (rules, panels
 * and chores as data, and their pure evaluators); {@code notify} (grouping, message, outbox);
 * {@code snapshot} (the one read model); {@code poll} (the pipeline on its schedule); {@code web}
 * and {@code export} (the readers). {@code simulator} is AWS's side of the wire, behind a wall.
 * {@code ArchitectureTest} keeps this shape.
 */
package io.stackwatch;
