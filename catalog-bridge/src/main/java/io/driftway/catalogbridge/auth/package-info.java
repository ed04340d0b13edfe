/**
 * Who is calling and what they may do: AWS Signature Version 4 verification against configured
 * access keys, and principals with read-only or admin rights per database.
 */
package io.driftway.catalogbridge.auth;
