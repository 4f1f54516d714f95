/* test-oauth-dpop.c
 *
 * Copyright 2026 The Byline Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Byline's DPoP proofs checked by jose, an independent JWT library: the ES256 signature with
 * the key in the header, the claims, and a key that survives the keyring's PEM round trip. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "byline-dpop-key.h"
#include "oauth-tools.h"

static const char *setup_script;
static char *tools_dir;

static void
add_case (JsonBuilder *builder,
          const char  *proof,
          const char  *htm,
          const char  *htu,
          const char  *nonce,
          const char  *access_token)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "proof");
  json_builder_add_string_value (builder, proof);
  json_builder_set_member_name (builder, "htm");
  json_builder_add_string_value (builder, htm);
  json_builder_set_member_name (builder, "htu");
  json_builder_add_string_value (builder, htu);
  if (nonce != NULL)
    {
      json_builder_set_member_name (builder, "nonce");
      json_builder_add_string_value (builder, nonce);
    }
  if (access_token != NULL)
    {
      json_builder_set_member_name (builder, "access_token");
      json_builder_add_string_value (builder, access_token);
    }
  json_builder_end_object (builder);
}

/* Runs verify-dpop.mjs on @builder's cases; returns its lines. */
static GStrv
verify (JsonBuilder *builder)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) node = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "oauth", "verify-dpop.mjs", NULL);

  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  input = json_to_string (root, FALSE);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "BYLINE_OAUTH_TOOLS", tools_dir, TRUE);
  node = g_subprocess_launcher_spawn (launcher, &error, "node", script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (node, input, NULL, &output, &errors, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (node))
    g_error ("verify-dpop.mjs failed: %s", errors);

  return g_strsplit (g_strchomp (output), "\n", -1);
}

static void
test_proofs_verify (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineDpopKey) key = byline_dpop_key_generate (&error);
  g_autoptr(BylineDpopKey) restored = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *pem = NULL;
  g_autofree char *tampered = NULL;
  g_auto(GStrv) lines = NULL;
  char *first, *with_token, *restored_proof, *other_url;
  char *dot;

  g_assert_no_error (error);
  pem = byline_dpop_key_to_pem (key, &error);
  g_assert_no_error (error);
  restored = byline_dpop_key_new_from_pem (pem, &error);
  g_assert_no_error (error);

  json_builder_begin_array (builder);
  first = byline_dpop_key_create_proof (key, "POST", "https://as.example/oauth/par", NULL, NULL,
                                        &error);
  add_case (builder, first, "POST", "https://as.example/oauth/par", NULL, NULL);
  with_token = byline_dpop_key_create_proof (key, "GET",
                                             "https://pds.example/xrpc/com.atproto.repo."
                                             "getRecord?repo=did%3Aplc%3Aa&rkey=1",
                                             "server-nonce-1", "access-token-1", &error);
  add_case (builder, with_token, "GET", "https://pds.example/xrpc/com.atproto.repo.getRecord",
            "server-nonce-1", "access-token-1");
  restored_proof = byline_dpop_key_create_proof (restored, "POST",
                                                 "http://localhost:2583/xrpc/a.b", "n-2",
                                                 "t-2", &error);
  add_case (builder, restored_proof, "POST", "http://localhost:2583/xrpc/a.b", "n-2", "t-2");
  /* A proof for one address does not pass for another. */
  other_url = byline_dpop_key_create_proof (key, "POST", "https://as.example/oauth/token", NULL,
                                            NULL, &error);
  add_case (builder, other_url, "POST", "https://as.example/oauth/par", NULL, NULL);
  /* A changed payload breaks the signature. */
  tampered = g_strdup (first);
  dot = strchr (tampered, '.') + 1;
  *dot = *dot == 'e' ? 'f' : 'e';
  add_case (builder, tampered, "POST", "https://as.example/oauth/par", NULL, NULL);
  g_assert_no_error (error);

  lines = verify (builder);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (lines[0], "ok "));
  g_assert_true (g_str_has_prefix (lines[1], "ok "));
  g_assert_true (g_str_has_prefix (lines[2], "ok "));
  /* The same key after the PEM round trip: the same JWK thumbprint. */
  g_assert_cmpstr (lines[0], ==, lines[2]);
  g_assert_true (g_str_has_prefix (lines[3], "bad: "));
  g_assert_nonnull (strstr (lines[3], "htu"));
  g_assert_true (g_str_has_prefix (lines[4], "bad: "));

  g_free (first);
  g_free (with_token);
  g_free (restored_proof);
  g_free (other_url);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpint (argc, >=, 2);
  setup_script = argv[1];
  tools_dir = oauth_tools_install (setup_script);

  g_test_add_func ("/oauth/dpop/jose-verifies", test_proofs_verify);

  return g_test_run ();
}
