/**
 * Hibernate ORM Panache entities of the index tables {@code study}, {@code series} and
 * {@code instance} (schema: Flyway, {@code db/migration}; Hibernate never creates or alters it).
 *
 * <p>Read-only ({@code @Immutable}): the rows are written only by the indexer's JDBC batch
 * transaction ({@code index} package), which needs set-based upserts and the offset record in
 * the same transaction. The entities serve fixed-shape reads by UID (QIDO's scoped listings);
 * the dynamic QIDO SQL stays JDBC ({@code search.QidoRepository}). Tests run with
 * {@code schema-management.strategy=validate}, so a migration and these mappings cannot drift
 * apart unnoticed.
 */
package org.nimbusdicom.query.model;
