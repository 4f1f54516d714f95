/* byline-publication-verify.c
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


#define G_LOG_DOMAIN "byline-publication-verify"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "byline-json.h"
#include "byline-publication.h"
#include "byline-publication-verify.h"

/*
 * The Check of a publication's site: standard.site's proofs that the site is the
 * publication's, fetched as a reader's browser would and compared with what they should be.
 * The publication serves its AT-URI at /.well-known/site.standard.publication, and each
 * document's page carries <link rel="site.standard.document" href="at://…">. Redirects are not
 * followed: a proof must answer at its own address.
 */

#define TIMEOUT_SECONDS 20

typedef struct
{
  SoupSession *session;
  GPtrArray   *results;    /* BylineVerifyResult, the targets filled in one by one */
  guint        next;
  char        *uri;
} Verify;

static void
verify_free (Verify *verify)
{
  g_clear_object (&verify->session);
  g_clear_pointer (&verify->results, g_ptr_array_unref);
  g_free (verify->uri);
  g_free (verify);
}

/**
 * byline_verify_result_free:
 * @result: (nullable): a result
 */
void
byline_verify_result_free (BylineVerifyResult *result)
{
  if (result == NULL)
    return;

  g_free (result->url);
  g_free (result->document_uri);
  g_free (result->expected);
  g_free (result->message);
  g_free (result);
}

static gboolean
names_publication (const char *site,
                   const char *url,
                   const char *uri)
{
  g_autofree char *normalized = NULL;
  g_autofree char *own = NULL;

  if (site == NULL)
    return FALSE;
  if (g_strcmp0 (site, uri) == 0)
    return TRUE;

  normalized = byline_publication_normalize_url (site);
  own = byline_publication_normalize_url (url);
  return g_ascii_strcasecmp (normalized, own) == 0;
}

/**
 * byline_publication_verify_targets:
 * @url: the publication's address
 * @uri: the publication's AT-URI
 * @documents: (nullable): the account's documents, as listRecords gives them
 *
 * Lists what the Check fetches, each with the exact text expected there: the well-known file
 * first, then the page of each document whose `site` is the publication (its AT-URI or its
 * address). Nothing is fetched yet: every state is %BYLINE_VERIFY_FAILED and the messages
 * are empty.
 *
 * Returns: (transfer full) (element-type BylineVerifyResult): the targets
 */
GPtrArray *
byline_publication_verify_targets (const char *url,
                                   const char *uri,
                                   JsonArray  *documents)
{
  GPtrArray *targets = g_ptr_array_new_with_free_func ((GDestroyNotify)byline_verify_result_free);
  g_autofree char *base = NULL;
  BylineVerifyResult *well_known;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  base = byline_publication_normalize_url (url);
  well_known = g_new0 (BylineVerifyResult, 1);
  well_known->url = g_strconcat (base, BYLINE_PUBLICATION_WELL_KNOWN_PATH, NULL);
  well_known->expected = byline_publication_well_known_body (uri);
  well_known->state = BYLINE_VERIFY_FAILED;
  g_ptr_array_add (targets, well_known);

  for (guint i = 0; documents != NULL && i < json_array_get_length (documents); i++)
    {
      JsonObject *entry = json_array_get_object_element (documents, i);
      JsonObject *value;
      const char *document_uri;
      BylineVerifyResult *target;

      if (entry == NULL || !json_object_has_member (entry, "value") ||
          !JSON_NODE_HOLDS_OBJECT (json_object_get_member (entry, "value")) ||
          (document_uri = byline_json_object_get_string (entry, "uri")) == NULL)
        continue;
      value = json_object_get_object_member (entry, "value");
      if (!names_publication (byline_json_object_get_string (value, "site"), url, uri))
        continue;

      target = g_new0 (BylineVerifyResult, 1);
      target->url = byline_publication_document_url (base,
                                                     byline_json_object_get_string (value, "path"));
      target->document_uri = g_strdup (document_uri);
      target->expected = byline_publication_link_tag (document_uri);
      target->state = BYLINE_VERIFY_FAILED;
      g_ptr_array_add (targets, target);
    }

  return targets;
}

/* The value of @name among a tag's attributes, unquoted; NULL if absent. */
static char *
attribute (const char *tag,
           const char *name)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *pattern = g_strdup_printf ("\\s%s\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
                                              name);

  regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  if (!g_regex_match (regex, tag, 0, &match))
    return NULL;

  for (int group = 1; group <= 3; group++)
    {
      g_autofree char *value = g_match_info_fetch (match, group);

      if (value != NULL && *value != '\0')
        return g_steal_pointer (&value);
    }

  return g_strdup ("");
}

/**
 * byline_publication_find_link:
 * @html: a page
 * @length: its length, or -1
 *
 * Finds the page's `<link rel="site.standard.document">` (rel may hold other words too).
 *
 * Returns: (transfer full) (nullable): its `href`, or %NULL if the page has none
 */
char *
byline_publication_find_link (const char *html,
                              gssize      length)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (html != NULL || length == 0, NULL);

  text = g_utf8_make_valid (html, length);
  regex = g_regex_new ("<link\\b[^>]*>", G_REGEX_CASELESS, 0, NULL);
  for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *tag = g_match_info_fetch (match, 0);
      g_autofree char *rel = attribute (tag, "rel");
      g_auto(GStrv) words = rel ? g_strsplit_set (rel, " \t\r\n", -1) : NULL;

      for (guint i = 0; words != NULL && words[i] != NULL; i++)
        if (g_ascii_strcasecmp (words[i], "site.standard.document") == 0)
          {
            char *href = attribute (tag, "href");

            return href ? g_strstrip (href) : g_strdup ("");
          }
    }

  return NULL;
}

static void verify_next (GTask *task);

static void
judge (BylineVerifyResult *result,
       const char         *expected_uri,
       SoupMessage        *message,
       GBytes             *body)
{
  guint status = soup_message_get_status (message);
  gsize length = 0;
  const char *data = body ? g_bytes_get_data (body, &length) : NULL;

  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      const char *location = soup_message_headers_get_one (
        soup_message_get_response_headers (message), "Location");

      result->state = BYLINE_VERIFY_REDIRECT;
      result->message = g_strdup_printf (_("The address redirects (%u) to %s instead of "
                                           "answering itself"),
                                         status, location ? location : _("nowhere"));
    }
  else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    {
      result->state = BYLINE_VERIFY_MISSING;
      result->message = result->document_uri == NULL
        ? g_strdup_printf (_("The site has no such file (%u)"), status)
        : g_strdup_printf (_("The site has no page at this address (%u)"), status);
    }
  else if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      result->state = BYLINE_VERIFY_FAILED;
      result->message = g_strdup_printf (_("The site answered %u %s"), status,
                                         soup_message_get_reason_phrase (message)
                                         ? soup_message_get_reason_phrase (message) : "");
    }
  else if (result->document_uri == NULL)
    {
      g_autofree char *served = g_strstrip (g_utf8_make_valid (data ? data : "", length));

      if (g_strcmp0 (served, expected_uri) == 0)
        {
          result->state = BYLINE_VERIFY_IN_PLACE;
          result->message = g_strdup (_("The file names this publication"));
        }
      else if (*served == '\0')
        {
          result->state = BYLINE_VERIFY_MISSING;
          result->message = g_strdup (_("The file is empty"));
        }
      else
        {
          /* A long wrong answer (an HTML error page served as 200) is cut short. */
          if (g_utf8_strlen (served, -1) > 120)
            *g_utf8_offset_to_pointer (served, 120) = '\0';
          result->state = BYLINE_VERIFY_WRONG_RECORD;
          result->message = g_strdup_printf (_("The file names another record: “%s”"), served);
        }
    }
  else
    {
      g_autofree char *href = byline_publication_find_link (data ? data : "", length);

      if (href == NULL)
        {
          result->state = BYLINE_VERIFY_MISSING;
          result->message = g_strdup (_("The page has no site.standard.document link tag"));
        }
      else if (g_strcmp0 (href, result->document_uri) == 0)
        {
          result->state = BYLINE_VERIFY_IN_PLACE;
          result->message = g_strdup (_("The page’s link tag names this document"));
        }
      else
        {
          result->state = BYLINE_VERIFY_WRONG_RECORD;
          result->message = g_strdup_printf (_("The page’s link tag names another record: %s"),
                                             href);
        }
    }
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Verify *verify = g_task_get_task_data (task);
  BylineVerifyResult *result = g_ptr_array_index (verify->results, verify->next);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), res);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (body == NULL)
    {
      GTlsCertificateFlags errors = message ? soup_message_get_tls_peer_certificate_errors (message)
                                            : 0;

      result->state = error->domain == G_TLS_ERROR || errors != 0 ? BYLINE_VERIFY_TLS_ERROR
                                                                   : BYLINE_VERIFY_FAILED;
      result->message = result->state == BYLINE_VERIFY_TLS_ERROR
        ? g_strdup_printf (_("The site’s certificate is not trusted: %s"), error->message)
        : g_strdup_printf (_("The site could not be reached: %s"), error->message);
    }
  else
    judge (result, verify->uri, message, body);

  verify->next++;
  verify_next (g_steal_pointer (&task));
}

static void
verify_next (GTask *task)
{
  Verify *verify = g_task_get_task_data (task);
  BylineVerifyResult *result;
  g_autoptr(SoupMessage) message = NULL;

  if (verify->next >= verify->results->len)
    {
      g_task_return_pointer (task, g_ptr_array_ref (verify->results),
                             (GDestroyNotify)g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  result = g_ptr_array_index (verify->results, verify->next);
  message = soup_message_new (SOUP_METHOD_GET, result->url);
  if (message == NULL)
    {
      result->state = BYLINE_VERIFY_FAILED;
      result->message = g_strdup (_("This is not an address that can be fetched"));
      verify->next++;
      verify_next (task);
      return;
    }

  /* A proof must answer at its own address. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (verify->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), fetched_cb, task);
}

/**
 * byline_publication_verify_async:
 * @url: the publication's address
 * @uri: the publication's AT-URI
 * @documents: (nullable): the account's documents, as listRecords gives them
 * @cancellable: (nullable): a cancellable
 * @callback: called with the results
 * @user_data: data for @callback
 *
 * Fetches the publication's well-known file and the page of each of its documents (see
 * byline_publication_verify_targets()), one after the other, and says of each whether the
 * proof is in place, and why not.
 */
void
byline_publication_verify_async (const char          *url,
                                 const char          *uri,
                                 JsonArray           *documents,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *user_agent = g_strdup_printf ("%s/%s", PACKAGE_NAME, PACKAGE_VERSION);
  GTask *task;
  Verify *verify;

  g_return_if_fail (url != NULL);
  g_return_if_fail (uri != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_publication_verify_async);
  verify = g_new0 (Verify, 1);
  verify->session = soup_session_new_with_options ("timeout", TIMEOUT_SECONDS,
                                                   "user-agent", user_agent, NULL);
  verify->results = byline_publication_verify_targets (url, uri, documents);
  verify->uri = g_strdup (uri);
  g_task_set_task_data (task, verify, (GDestroyNotify)verify_free);
  verify_next (task);
}

/**
 * byline_publication_verify_finish:
 *
 * Returns: (transfer full) (element-type BylineVerifyResult): the results, the well-known
 *   file first
 */
GPtrArray *
byline_publication_verify_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
