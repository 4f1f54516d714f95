/* test-publish.c
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

/* The publish suite: Byline's publishing code against the reference PDS (@atproto/pds) with an
 * in-memory PLC directory, both on 127.0.0.1. The PDS is installed once into a cache outside
 * the repository by setup-pds.sh (argv[1]) and killed when this program ends, even on a
 * failed assertion (PR_SET_PDEATHSIG). Every wait is bounded. */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "byline-cli-publish.h"
#include "byline-front-matter.h"
#include "byline-html-export.h"
#include "byline-publisher.h"
#include "byline-tid.h"
#include "byline-xrpc-client.h"
#include "pds-fixture.h"

/* A 1×1 PNG; the PDS sniffs the type of what it stores. */
static const guint8 png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
  0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static char *
write_article (const char *name,
               const char *extra_front_matter,
               const char *body)
{
  g_autofree char *cover = g_build_filename (work_dir, "cover.png", NULL);
  char *path = g_build_filename (work_dir, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (cover, (const char *)png, sizeof png, &error);
  g_assert_no_error (error);
  text = g_strdup_printf ("---\n"
                          "title: Notes from the Harbour\n"
                          "description: A walk along the quay at dawn.\n"
                          "site: https://example.com\n"
                          "path: /notes/harbour/\n"
                          "tags:\n  - travel\n  - sea\n"
                          "coverImage: cover.png\n"
                          "publishedAt: 2026-03-05T20:30:00.000Z\n"
                          "%s"
                          "---\n"
                          "%s",
                          extra_front_matter ? extra_front_matter : "", body);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  return path;
}

static BylineMetadata *
load_article (const char  *path,
              char       **body)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  BylineMetadata *metadata;
  gsize len;
  gsize offset;

  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  metadata = byline_front_matter_parse (text, len, &offset, &error);
  g_assert_no_error (error);
  if (body != NULL)
    *body = g_strdup (text + offset);

  return metadata;
}

static JsonObject *
get_record (const char *uri)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *repo = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *rkey = NULL;
  JsonObject *answer;

  g_assert_true (byline_xrpc_parse_at_uri (uri, &repo, &collection, &rkey));
  byline_xrpc_client_get_record_async (client, repo, collection, rkey, NULL, pds_store_result_cb,
                                       &result);
  answer = byline_xrpc_client_call_finish (client, pds_wait_for (&result), &error);
  g_assert_no_error (error);

  return answer;
}

static void
assert_json_equal (JsonObject *a,
                   JsonObject *b)
{
  g_autoptr(JsonNode) na = json_node_init_object (json_node_alloc (), a);
  g_autoptr(JsonNode) nb = json_node_init_object (json_node_alloc (), b);

  if (!json_node_equal (na, nb))
    {
      g_autofree char *sa = json_to_string (na, TRUE);
      g_autofree char *sb = json_to_string (nb, TRUE);

      g_assert_cmpstr (sa, ==, sb);
    }
}

static BylineMetadata *
publish_file (const char          *path,
              BylinePublishFlags   flags,
              GError             **error)
{
  g_autoptr(BylinePublisher) publisher = byline_publisher_new (client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);

  byline_publisher_publish_file_async (publisher, file, flags, NULL, pds_store_result_cb, &result);

  return byline_publisher_publish_file_finish (publisher, pds_wait_for (&result), error);
}

/* byline --publish, run in a child process: the command line's code path with its environment
 * variables, exit status and messages. */
static void
test_cli (void)
{
  /* Run directly, without credentials in the environment, it refuses with status 2. */
  if (!g_test_subprocess ())
    {
      g_assert_null (g_getenv ("BYLINE_APP_PASSWORD"));
      g_assert_cmpint (byline_cli_publish ("unused.md"), ==, 2);
      return;
    }

  exit (byline_cli_publish (g_getenv ("BYLINE_TEST_ARTICLE")));
}

static void
run_cli (const char *path,
         const char *identifier,
         const char *password)
{
  g_auto(GStrv) envp = g_get_environ ();

  envp = g_environ_setenv (envp, "BYLINE_TEST_ARTICLE", path, TRUE);
  envp = g_environ_setenv (envp, "BYLINE_IDENTIFIER", identifier, TRUE);
  envp = g_environ_setenv (envp, "BYLINE_APP_PASSWORD", password, TRUE);
  envp = g_environ_setenv (envp, "BYLINE_PLC_DIRECTORY", plc_url, TRUE);
  envp = g_environ_unsetenv (envp, "BYLINE_PDS");
  g_test_trap_subprocess_with_envp ("/Byline/Publish/cli", (const char * const *)envp,
                                    WAIT_SECONDS * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
}

static char *article_path;

/* The command line finds the PDS from the DID through the PLC directory, publishes, and the
 * record on the server is exactly the one Byline builds from the article. */
static void
test_publish (void)
{
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) expected = NULL;
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *prefix = g_strdup_printf ("at://%s/site.standard.document/", did);
  g_autofree char *blob_url = NULL;
  JsonObject *value;
  const char *blob_cid;

  article_path = write_article ("harbour.md", NULL,
                                "# At the quay\n\nThe boats come in **early**, see "
                                "[the tide table](https://example.com/tides).\n");
  run_cli (article_path, did, app_password);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("at://did:plc:*/site.standard.document/* bafyrei*");

  metadata = load_article (article_path, &body);
  g_assert_true (g_str_has_prefix (byline_metadata_get_record_uri (metadata), prefix));
  g_assert_true (byline_tid_is_valid (byline_metadata_get_record_uri (metadata) + strlen (prefix)));
  g_assert_nonnull (byline_metadata_get_record_cid (metadata));
  g_assert_cmpstr (byline_metadata_get_cover_image (metadata), ==, "cover.png");

  answer = get_record (byline_metadata_get_record_uri (metadata));
  g_assert_cmpstr (json_object_get_string_member (answer, "cid"), ==,
                   byline_metadata_get_record_cid (metadata));
  value = json_object_get_object_member (answer, "value");
  expected = byline_publisher_build_record (metadata, body,
                                            json_object_get_object_member (value, "coverImage"));
  assert_json_equal (value, expected);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (value, "coverImage"), "mimeType"), ==,
                   "image/png");

  blob_cid = json_object_get_string_member (
    json_object_get_object_member (json_object_get_object_member (value, "coverImage"), "ref"),
    "$link");
  blob_url = g_strdup_printf ("%s/xrpc/com.atproto.sync.getBlob?did=%s&cid=%s", pds_url, did,
                              blob_cid);
  msg = soup_message_new ("GET", blob_url);
  blob = soup_session_send_and_read (soup, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpmem (g_bytes_get_data (blob, NULL), g_bytes_get_size (blob), png, sizeof png);
}

/* Publishing an edit updates the same record: same URI, a new CID. */
static void
test_republish (void)
{
  g_autoptr(BylineMetadata) before = load_article (article_path, NULL);
  g_autoptr(BylineMetadata) after = NULL;
  g_autoptr(BylineMetadata) reloaded = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  JsonObject *value;

  g_file_get_contents (article_path, &text, NULL, &error);
  g_assert_no_error (error);
  edited = g_strconcat (text, "\nBy noon the fish market is empty.\n", NULL);
  g_file_set_contents (article_path, edited, -1, &error);
  g_assert_no_error (error);

  after = publish_file (article_path, BYLINE_PUBLISH_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_metadata_get_record_uri (after), ==,
                   byline_metadata_get_record_uri (before));
  g_assert_cmpstr (byline_metadata_get_record_cid (after), !=,
                   byline_metadata_get_record_cid (before));

  reloaded = load_article (article_path, NULL);
  g_assert_cmpstr (byline_metadata_get_record_cid (reloaded), ==,
                   byline_metadata_get_record_cid (after));
  g_assert_nonnull (byline_metadata_get_updated_at (reloaded));

  answer = get_record (byline_metadata_get_record_uri (after));
  g_assert_cmpstr (json_object_get_string_member (answer, "cid"), ==,
                   byline_metadata_get_record_cid (after));
  value = json_object_get_object_member (answer, "value");
  g_assert_nonnull (strstr (json_object_get_string_member (value, "textContent"),
                            "fish market"));
  g_assert_cmpstr (json_object_get_string_member (value, "updatedAt"), ==,
                   byline_metadata_get_updated_at (reloaded));
}

/* A record changed behind Byline's back is not overwritten: the publish fails with both update
 * times, the article stays as it was, and an explicit overwrite then succeeds. */
static void
test_conflict (void)
{
  g_autoptr(BylineMetadata) metadata = load_article (article_path, NULL);
  g_autoptr(BylineMetadata) overwritten = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonObject) put = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rkey = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *local_time = NULL;
  JsonObject *value;

  answer = get_record (byline_metadata_get_record_uri (metadata));
  value = json_object_get_object_member (answer, "value");
  json_object_set_string_member (value, "title", "Notes from the Harbour (edited elsewhere)");
  json_object_set_string_member (value, "updatedAt", "2026-11-01T09:00:00.000Z");
  byline_xrpc_parse_at_uri (byline_metadata_get_record_uri (metadata), NULL, NULL, &rkey);
  json_object_set_string_member (input, "repo", did);
  json_object_set_string_member (input, "collection", "site.standard.document");
  json_object_set_string_member (input, "rkey", rkey);
  json_object_set_object_member (input, "record", json_object_ref (value));
  put = pds_call ("POST", "com.atproto.repo.putRecord", NULL, input, &error);
  g_assert_no_error (error);

  g_file_get_contents (article_path, &before, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (publish_file (article_path, BYLINE_PUBLISH_FLAGS_NONE, &error));
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP);
  /* What differs, and both times in words, in the local time zone (Europe/Berlin here). */
  g_assert_nonnull (strstr (error->message,
                            "Title: “Notes from the Harbour (edited elsewhere)”"));
  g_assert_null (strstr (error->message, "Text:"));
  g_assert_nonnull (strstr (error->message, "says it was updated 1 November 2026, 10:00"));
  local_time = byline_publisher_format_time (byline_metadata_get_updated_at (metadata), NULL);
  g_assert_nonnull (local_time);
  g_assert_nonnull (strstr (error->message, local_time));
  g_assert_null (strstr (error->message, "2026-11-01T"));
  g_file_get_contents (article_path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  overwritten = publish_file (article_path, BYLINE_PUBLISH_FLAGS_OVERWRITE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&answer, json_object_unref);
  answer = get_record (byline_metadata_get_record_uri (overwritten));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (answer, "value"),
                                                  "title"), ==, "Notes from the Harbour");
  g_assert_cmpstr (json_object_get_string_member (answer, "cid"), ==,
                   byline_metadata_get_record_cid (overwritten));
}

/* The announcement is a Bluesky post with a link card, and bskyPostRef points at it. */
static void
test_announce (void)
{
  g_autofree char *path = write_article ("announced.md", NULL, "A short one.\n");
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *ref;
  JsonObject *external;

  metadata = publish_file (path, BYLINE_PUBLISH_FLAGS_ANNOUNCE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (byline_metadata_get_bsky_post_uri (metadata));

  post = get_record (byline_metadata_get_bsky_post_uri (metadata));
  g_assert_cmpstr (json_object_get_string_member (post, "cid"), ==,
                   byline_metadata_get_bsky_post_cid (metadata));
  external = json_object_get_object_member (
    json_object_get_object_member (json_object_get_object_member (post, "value"), "embed"),
    "external");
  g_assert_cmpstr (json_object_get_string_member (external, "uri"), ==,
                   "https://example.com/notes/harbour/");
  g_assert_cmpstr (json_object_get_string_member (external, "title"), ==,
                   "Notes from the Harbour");
  g_assert_true (json_object_has_member (external, "thumb"));

  document = get_record (byline_metadata_get_record_uri (metadata));
  ref = json_object_get_object_member (json_object_get_object_member (document, "value"),
                                       "bskyPostRef");
  g_assert_cmpstr (json_object_get_string_member (ref, "uri"), ==,
                   byline_metadata_get_bsky_post_uri (metadata));
  g_assert_cmpstr (json_object_get_string_member (ref, "cid"), ==,
                   byline_metadata_get_bsky_post_cid (metadata));
}

/* A wrong app password fails to sign in, on the command line too, and touches nothing. */
static void
test_wrong_password (void)
{
  g_autoptr(BylineXrpcClient) other = byline_xrpc_client_new (pds_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  byline_xrpc_client_create_session_async (other, "writer.test", "not-the-password", NULL,
                                           pds_store_result_cb, &result);
  g_assert_false (byline_xrpc_client_create_session_finish (other, pds_wait_for (&result), &error));
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_AUTHENTICATION);

  g_file_get_contents (article_path, &before, NULL, NULL);
  run_cli (article_path, did, "not-the-password");
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*Wrong handle or app password*");
  g_file_get_contents (article_path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, before);
}

/* An identifier the PLC directory does not know. */
static void
test_unknown_did (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = NULL;

  byline_xrpc_client_resolve_did_async (client, "did:plc:aaaaaaaaaaaaaaaaaaaaaaaa", NULL,
                                        pds_store_result_cb, &result);
  document = byline_xrpc_client_resolve_did_finish (client, pds_wait_for (&result), &error);
  g_assert_null (document);
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE);
}

/* The PDS validates the record against the lexicon; its reason reaches the writer and the
 * article stays as it was. */
static void
test_rejected (void)
{
  g_autofree char *long_title = g_strnfill (600, 'a');
  g_autofree char *path = write_article ("rejected.md", NULL, "Body.\n");
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  {
    g_auto(GStrv) parts = g_strsplit (text, "Notes from the Harbour", 2);

    edited = g_strjoin (long_title, parts[0], parts[1], NULL);
  }
  g_file_set_contents (path, edited, -1, &error);
  g_assert_no_error (error);

  g_assert_null (publish_file (path, BYLINE_PUBLISH_FLAGS_NONE, &error));
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_RECORD_REJECTED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "title"));
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, edited);
}

/* A publication made from Byline, listed back, used as the article's site; the announcement
 * links to the publication's address plus the article's path. */
static void
test_publication (void)
{
  g_autoptr(BylinePublisher) publisher = byline_publisher_new (client);
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(JsonArray) publications = NULL;
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (work_dir, "in-publication.md", NULL);
  gboolean found = FALSE;
  JsonObject *external;

  byline_publisher_create_publication_async (publisher, "Harbour Notes", "https://harbour.example/",
                                             "Walks by the sea", NULL, pds_store_result_cb,
                                             &created);
  uri = byline_publisher_create_publication_finish (publisher, pds_wait_for (&created), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (uri, "at://"));

  byline_publisher_list_publications_async (publisher, NULL, pds_store_result_cb, &listed);
  publications = byline_publisher_list_publications_finish (publisher, pds_wait_for (&listed),
                                                            &error);
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (publications); i++)
    {
      JsonObject *item = json_array_get_object_element (publications, i);

      if (g_strcmp0 (json_object_get_string_member (item, "uri"), uri) == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "Harbour Notes");
          g_assert_cmpstr (json_object_get_string_member (item, "url"), ==,
                           "https://harbour.example");
          g_assert_false (json_object_get_boolean_member (item, "leaflet"));
          found = TRUE;
        }
    }
  g_assert_true (found);

  text = g_strdup_printf ("---\ntitle: In a Publication\nsite: %s\npath: /in/\n---\nHello.\n",
                          uri);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  metadata = publish_file (path, BYLINE_PUBLISH_FLAGS_ANNOUNCE, &error);
  g_assert_no_error (error);

  document = get_record (byline_metadata_get_record_uri (metadata));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (document,
                                                                                 "value"),
                                                  "site"), ==, uri);
  /* Not a Leaflet publication: the content stays Markdown, and the article names no format. */
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_object_get_object_member (document, "value"),
                                                    "content"), "$type"), ==, "at.markpub.markdown");
  g_assert_null (byline_metadata_get_string (metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT));
  post = get_record (byline_metadata_get_bsky_post_uri (metadata));
  external = json_object_get_object_member (
    json_object_get_object_member (json_object_get_object_member (post, "value"), "embed"),
    "external");
  g_assert_cmpstr (json_object_get_string_member (external, "uri"), ==,
                   "https://harbour.example/in/");
}

/* An article that names no content format, published to a Leaflet publication, is written
 * as Leaflet blocks, and the article says so from then on; one that names Markdown stays so. */
static void
test_leaflet_publication (void)
{
  g_autoptr(BylinePublisher) publisher = byline_publisher_new (client);
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(JsonArray) publications = NULL;
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(BylineMetadata) markdown = NULL;
  gboolean found = FALSE;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(JsonNode) content_node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  g_autofree char *content_json = NULL;
  g_autofree char *path = g_build_filename (work_dir, "in-leaflet.md", NULL);
  JsonObject *content;

  byline_publisher_create_publication_async (publisher, "Harbour Leaflet",
                                             "https://harbour.leaflet.pub", NULL, NULL,
                                             pds_store_result_cb, &created);
  uri = byline_publisher_create_publication_finish (publisher, pds_wait_for (&created), &error);
  g_assert_no_error (error);

  /* The account's publications say which Leaflet serves. */
  byline_publisher_list_publications_async (publisher, NULL, pds_store_result_cb, &listed);
  publications = byline_publisher_list_publications_finish (publisher, pds_wait_for (&listed),
                                                            &error);
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (publications); i++)
    {
      JsonObject *item = json_array_get_object_element (publications, i);

      if (g_strcmp0 (json_object_get_string_member (item, "uri"), uri) == 0)
        {
          g_assert_true (json_object_get_boolean_member (item, "leaflet"));
          found = TRUE;
        }
    }
  g_assert_true (found);

  text = g_strdup_printf ("---\ntitle: On a Leaflet\nsite: %s\npath: /on-a-leaflet\n---\n"
                          "Hello from **Byline**.\n", uri);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  metadata = publish_file (path, BYLINE_PUBLISH_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_metadata_get_string (metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT), ==,
                   "leaflet");

  document = get_record (byline_metadata_get_record_uri (metadata));
  content = json_object_get_object_member (json_object_get_object_member (document, "value"),
                                           "content");
  g_assert_cmpstr (json_object_get_string_member (content, "$type"), ==, "pub.leaflet.content");
  content_node = json_node_init_object (json_node_alloc (), content);
  content_json = json_to_string (content_node, FALSE);
  g_assert_nonnull (strstr (content_json, "\"plaintext\":\"Hello from Byline.\""));

  /* Markdown named in the front matter wins over the publication. */
  g_free (text);
  text = g_strdup_printf ("---\ntitle: Still Markdown\nsite: %s\npath: /still-markdown\n"
                          "contentFormat: markdown\n---\nHello.\n", uri);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  markdown = publish_file (path, BYLINE_PUBLISH_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&document, json_object_unref);
  document = get_record (byline_metadata_get_record_uri (markdown));
  content = json_object_get_object_member (json_object_get_object_member (document, "value"),
                                           "content");
  g_assert_cmpstr (json_object_get_string_member (content, "$type"), ==, "at.markpub.markdown");
}

/* The installed command: byline --publish with BYLINE_PDS, and without credentials. */
static void
test_binary (void)
{
  g_autofree char *path = write_article ("binary.md", NULL, "From the command line.\n");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) byline = NULL;
  g_autoptr(GSubprocess) bare = NULL;
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "BYLINE_IDENTIFIER");
  g_subprocess_launcher_unsetenv (launcher, "BYLINE_APP_PASSWORD");
  bare = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("BYLINE_BINARY"), "--publish",
                                      path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (bare, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (bare), ==, 2);
  g_assert_nonnull (strstr (err, "BYLINE_APP_PASSWORD"));
  g_clear_pointer (&err, g_free);

  g_subprocess_launcher_setenv (launcher, "BYLINE_IDENTIFIER", "writer.test", TRUE);
  g_subprocess_launcher_setenv (launcher, "BYLINE_APP_PASSWORD", app_password, TRUE);
  g_subprocess_launcher_setenv (launcher, "BYLINE_PDS", pds_url, TRUE);
  byline = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("BYLINE_BINARY"), "--publish",
                                        path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (byline, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s stderr: %s", out, err);
  g_assert_cmpint (g_subprocess_get_exit_status (byline), ==, 0);

  metadata = load_article (path, NULL);
  g_assert_nonnull (byline_metadata_get_record_uri (metadata));
  g_assert_nonnull (strstr (out, byline_metadata_get_record_uri (metadata)));
}

/* A cover over the 1,000,000-byte blob limit is refused before anything is uploaded. */
static void
test_cover_too_large (void)
{
  g_autofree char *path = write_article ("big-cover.md", NULL, "Body.\n");
  g_autofree char *cover = g_build_filename (work_dir, "cover.png", NULL);
  g_autofree char *big = g_malloc0 (1000001);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  memcpy (big, png, sizeof png);
  g_file_set_contents (cover, big, 1000001, &error);
  g_assert_no_error (error);
  g_file_get_contents (path, &before, NULL, NULL);

  g_assert_null (publish_file (path, BYLINE_PUBLISH_FLAGS_NONE, &error));
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_BLOB_TOO_LARGE);
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  /* Later tests write their own small cover again. */
  g_file_set_contents (cover, (const char *)png, sizeof png, &error);
  g_assert_no_error (error);
}

/* A cover on the web is no file to upload: publishing says so, in words, and writes nothing. */
static void
test_remote_cover (void)
{
  g_autofree char *path = g_build_filename (work_dir, "remote-cover.md", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  static const char text[] = "---\n"
                             "title: A Cover Elsewhere\n"
                             "site: https://example.com\n"
                             "coverImage: https://example.com/images/cover.png\n"
                             "---\n"
                             "Body.\n";

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  g_assert_null (publish_file (path, BYLINE_PUBLISH_FLAGS_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "https://example.com/images/cover.png"));
  g_assert_nonnull (strstr (error->message, "web address"));
  g_assert_null (strstr (error->message, work_dir));
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, text);
}

/* Last: with the server stopped, publishing says it is unreachable and changes nothing. */
static void
test_stopped_server (void)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  pds_stop ();
  g_file_get_contents (article_path, &before, NULL, NULL);
  g_assert_null (publish_file (article_path, BYLINE_PUBLISH_FLAGS_NONE, &error));
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNREACHABLE);
  g_file_get_contents (article_path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, before);
}

/* A 3×2 GIF: a second image format beside the PNG. */
static const guint8 gif[] = {
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x03, 0x00, 0x02, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff,
  0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x02, 0x00, 0x00, 0x02, 0x02, 0x84,
  0x51, 0x00, 0x3b,
};

static GBytes *
get_blob (const char *cid)
{
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("%s/xrpc/com.atproto.sync.getBlob?did=%s&cid=%s",
                                          pds_url, did, cid);
  GBytes *blob;

  msg = soup_message_new ("GET", url);
  blob = soup_session_send_and_read (soup, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);

  return blob;
}

/* An article in Leaflet blocks with two images in its body: both are uploaded, the image
 * blocks refer to them with their alt text and aspect ratio, and the PDS serves them. */
static void
test_body_images (void)
{
  g_autofree char *images = g_build_filename (work_dir, "images", NULL);
  g_autofree char *one = g_build_filename (images, "one.png", NULL);
  g_autofree char *two = g_build_filename (images, "two.gif", NULL);
  g_autofree char *path = NULL;
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *expected[] = { png, gif };
  const gsize sizes[] = { sizeof png, sizeof gif };
  const char *alts[] = { "The quay at dawn", "Gulls" };
  const gint64 widths[] = { 1, 3 }, heights[] = { 1, 2 };
  JsonObject *content;
  JsonArray *blocks;
  guint found = 0;

  g_assert_cmpint (g_mkdir_with_parents (images, 0700), ==, 0);
  g_assert_true (g_file_set_contents (one, (const char *)png, sizeof png, NULL));
  g_assert_true (g_file_set_contents (two, (const char *)gif, sizeof gif, NULL));
  path = write_article ("gallery.md", "contentFormat: leaflet\n",
                        "Two pictures from the quay.\n\n"
                        "![The quay at dawn](images/one.png)\n\n"
                        "![Gulls](images/two.gif)\n");

  metadata = publish_file (path, BYLINE_PUBLISH_FLAGS_NONE, &error);
  g_assert_no_error (error);

  answer = get_record (byline_metadata_get_record_uri (metadata));
  content = json_object_get_object_member (json_object_get_object_member (answer, "value"), "content");
  g_assert_cmpstr (json_object_get_string_member (content, "$type"), ==, "pub.leaflet.content");
  blocks = json_object_get_array_member (json_array_get_object_element (
    json_object_get_array_member (content, "pages"), 0), "blocks");

  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonObject *block = json_object_get_object_member (json_array_get_object_element (blocks, i), "block");
      JsonObject *image, *aspect;
      g_autoptr(GBytes) blob = NULL;

      if (g_strcmp0 (json_object_get_string_member (block, "$type"), "pub.leaflet.blocks.image") != 0)
        continue;
      g_assert_cmpuint (found, <, 2);
      image = json_object_get_object_member (block, "image");
      aspect = json_object_get_object_member (block, "aspectRatio");
      g_assert_cmpstr (json_object_get_string_member (block, "alt"), ==, alts[found]);
      g_assert_cmpint (json_object_get_int_member (aspect, "width"), ==, widths[found]);
      g_assert_cmpint (json_object_get_int_member (aspect, "height"), ==, heights[found]);
      g_assert_cmpint (json_object_get_int_member (image, "size"), ==, sizes[found]);

      blob = get_blob (json_object_get_string_member (json_object_get_object_member (image, "ref"), "$link"));
      g_assert_cmpmem (g_bytes_get_data (blob, NULL), g_bytes_get_size (blob), expected[found], sizes[found]);
      found++;
    }
  g_assert_cmpuint (found, ==, 2);
}

/* A contributor found by handle on a real server: the DID from the PDS, the name from the
 * profile record in their repository; an unknown handle says so. */
static void
test_contributor_lookup (void)
{
  g_autoptr(JsonObject) profile = json_object_new ();
  g_autoptr(GAsyncResult) put = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) missing = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found_did = NULL;
  g_autofree char *name = NULL;

  json_object_set_string_member (profile, "$type", "app.bsky.actor.profile");
  json_object_set_string_member (profile, "displayName", "Wren Writer");
  byline_xrpc_client_put_record_async (client, "app.bsky.actor.profile", "self", profile, NULL,
                                       NULL, pds_store_result_cb, &put);
  answer = byline_xrpc_client_call_finish (client, pds_wait_for (&put), &error);
  g_assert_no_error (error);

  byline_xrpc_client_lookup_profile_async (client, " @Writer.test ", NULL, pds_store_result_cb,
                                           &found);
  g_assert_true (byline_xrpc_client_lookup_profile_finish (client, pds_wait_for (&found),
                                                           &found_did, &name, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (found_did, ==, did);
  g_assert_cmpstr (name, ==, "Wren Writer");

  byline_xrpc_client_lookup_profile_async (client, "nobody.invalid", NULL, pds_store_result_cb,
                                           &missing);
  g_assert_false (byline_xrpc_client_lookup_profile_finish (client, pds_wait_for (&missing),
                                                            NULL, NULL, &error));
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE);
  g_assert_nonnull (strstr (error->message, "nobody.invalid"));
}

static JsonObject *
rgb (int r,
     int g,
     int b)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "$type", "site.standard.theme.color#rgb");
  json_object_set_int_member (object, "r", r);
  json_object_set_int_member (object, "g", g);
  json_object_set_int_member (object, "b", b);

  return object;
}

/* A publication's colours read back: by its owner, and by anyone, through the owner's DID
 * document, without a session. */
static void
test_publication_theme (void)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(JsonObject) theme = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) own = NULL;
  g_autoptr(JsonObject) public = NULL;
  g_autoptr(GAsyncResult) put = NULL;
  g_autoptr(GAsyncResult) read_own = NULL;
  g_autoptr(GAsyncResult) read_public = NULL;
  g_autoptr(BylinePublisher) publisher = byline_publisher_new (client);
  g_autoptr(BylineXrpcClient) anonymous = byline_xrpc_client_new (NULL);
  g_autoptr(BylinePublisher) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = byline_xrpc_format_at_uri (did, "site.standard.publication",
                                                    "3lthemepub22a");
  g_autofree char *css = NULL;
  JsonObject *read;

  json_object_set_string_member (theme, "$type", "site.standard.theme.basic");
  json_object_set_object_member (theme, "background", rgb (253, 246, 227));
  json_object_set_object_member (theme, "foreground", rgb (7, 54, 66));
  json_object_set_object_member (theme, "accent", rgb (203, 75, 22));
  json_object_set_object_member (theme, "accentForeground", rgb (255, 255, 255));
  json_object_set_string_member (record, "$type", "site.standard.publication");
  json_object_set_string_member (record, "name", "Solar Notes");
  json_object_set_string_member (record, "url", "https://solar.example");
  json_object_set_object_member (record, "basicTheme", json_object_ref (theme));
  byline_xrpc_client_put_record_async (client, "site.standard.publication", "3lthemepub22a",
                                       record, NULL, NULL, pds_store_result_cb, &put);
  answer = byline_xrpc_client_call_finish (client, pds_wait_for (&put), &error);
  g_assert_no_error (error);

  byline_publisher_get_publication_async (publisher, uri, NULL, pds_store_result_cb, &read_own);
  own = byline_publisher_get_publication_finish (publisher, pds_wait_for (&read_own), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (own, "name"), ==, "Solar Notes");
  read = json_object_get_object_member (own, "basicTheme");
  g_assert_nonnull (read);
  css = byline_html_export_publication_css (read);
  g_assert_nonnull (strstr (css, "--bg: #fdf6e3;"));
  g_assert_nonnull (strstr (css, "--accent: #cb4b16;"));

  byline_xrpc_client_set_plc_directory (anonymous, plc_url);
  reader = byline_publisher_new (anonymous);
  byline_publisher_get_publication_async (reader, uri, NULL, pds_store_result_cb, &read_public);
  public = byline_publisher_get_publication_finish (reader, pds_wait_for (&read_public), &error);
  g_assert_no_error (error);
  g_assert_true (json_object_equal (json_object_get_object_member (public, "basicTheme"), theme));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* A conflict names times in the local time zone: a known one, set before GLib reads it. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Byline/Publish/cli", test_cli);
  if (g_test_subprocess ())
    return g_test_run ();

  if (argc < 2)
    {
      g_printerr ("usage: test-publish SETUP-SCRIPT\n");
      return 2;
    }
  setup_script = argv[1];

  work_dir = g_dir_make_tmp ("byline-publish-XXXXXX", &error);
  g_assert_no_error (error);

  pds_start ();
  pds_create_account ();

  g_test_add_func ("/Byline/Publish/publish", test_publish);
  g_test_add_func ("/Byline/Publish/republish", test_republish);
  g_test_add_func ("/Byline/Publish/conflict", test_conflict);
  g_test_add_func ("/Byline/Publish/announce", test_announce);
  g_test_add_func ("/Byline/Publish/wrong-password", test_wrong_password);
  g_test_add_func ("/Byline/Publish/unknown-did", test_unknown_did);
  g_test_add_func ("/Byline/Publish/publication", test_publication);
  g_test_add_func ("/Byline/Publish/leaflet-publication", test_leaflet_publication);
  g_test_add_func ("/Byline/Publish/publication-theme", test_publication_theme);
  g_test_add_func ("/Byline/Publish/binary", test_binary);
  g_test_add_func ("/Byline/Publish/rejected", test_rejected);
  g_test_add_func ("/Byline/Publish/cover-too-large", test_cover_too_large);
  g_test_add_func ("/Byline/Publish/remote-cover", test_remote_cover);
  g_test_add_func ("/Byline/Publish/body-images", test_body_images);
  g_test_add_func ("/Byline/Publish/contributor-lookup", test_contributor_lookup);
  g_test_add_func ("/Byline/Publish/stopped-server", test_stopped_server);
  status = g_test_run ();

  pds_stop ();
  g_clear_object (&client);
  pds_remove_tree (work_dir);

  return status;
}
