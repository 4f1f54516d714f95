/* test-handle-dns.c
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

/* Handle resolution through DNS: when the service does not know a handle, its TXT record
 * `_atproto.HANDLE` names the DID. A resolver installed as the default answers the lookups,
 * so no real DNS is involved: it knows one handle, and no host names at all. */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "byline-xrpc-client.h"

#define TEST_TYPE_RESOLVER (test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestResolver, test_resolver, TEST, RESOLVER, GResolver)

struct _TestResolver
{
  GResolver  parent_instance;
  GPtrArray *asked;
};

G_DEFINE_FINAL_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

static GList *
answer_records (TestResolver        *self,
                const char          *rrname,
                GResolverRecordType  record_type,
                GError             **error)
{
  GList *records = NULL;

  g_ptr_array_add (self->asked, g_strdup_printf ("%s %d", rrname, record_type));
  if (record_type == G_RESOLVER_RECORD_TXT && g_str_equal (rrname, "_atproto.dns.example"))
    {
      const char *spf[] = { "v=spf1 -all", NULL };
      const char *atproto[] = { "did=did:plc:fromdns", NULL };

      records = g_list_append (records, g_variant_ref_sink (g_variant_new ("(^as)", spf)));
      records = g_list_append (records, g_variant_ref_sink (g_variant_new ("(^as)", atproto)));
      return records;
    }

  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No record for %s", rrname);

  return NULL;
}

static void
lookup_records_async (GResolver           *resolver,
                      const char          *rrname,
                      GResolverRecordType  record_type,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;
  GList *records = answer_records (TEST_RESOLVER (resolver), rrname, record_type, &error);

  if (records == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, records, NULL);
}

static GList *
lookup_records_finish (GResolver     *resolver,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GList *
lookup_records (GResolver            *resolver,
                const char           *rrname,
                GResolverRecordType   record_type,
                GCancellable         *cancellable,
                GError              **error)
{
  return answer_records (TEST_RESOLVER (resolver), rrname, record_type, error);
}

static void
lookup_by_name_async (GResolver           *resolver,
                      const char          *hostname,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_ptr_array_add (TEST_RESOLVER (resolver)->asked, g_strdup_printf ("%s host", hostname));
  g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                           "No host %s", hostname);
}

static void
lookup_by_name_with_flags_async (GResolver                *resolver,
                                 const char               *hostname,
                                 GResolverNameLookupFlags  flags,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  lookup_by_name_async (resolver, hostname, cancellable, callback, user_data);
}

static GList *
lookup_by_name_finish (GResolver     *resolver,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GList *
lookup_by_name (GResolver     *resolver,
                const char    *hostname,
                GCancellable  *cancellable,
                GError       **error)
{
  g_ptr_array_add (TEST_RESOLVER (resolver)->asked, g_strdup_printf ("%s host", hostname));
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No host %s", hostname);

  return NULL;
}

static void
test_resolver_finalize (GObject *object)
{
  g_ptr_array_unref (TEST_RESOLVER (object)->asked);

  G_OBJECT_CLASS (test_resolver_parent_class)->finalize (object);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_resolver_finalize;
  resolver_class->lookup_records = lookup_records;
  resolver_class->lookup_records_async = lookup_records_async;
  resolver_class->lookup_records_finish = lookup_records_finish;
  resolver_class->lookup_by_name = lookup_by_name;
  resolver_class->lookup_by_name_async = lookup_by_name_async;
  resolver_class->lookup_by_name_finish = lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags_async = lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = lookup_by_name_finish;
}

static void
test_resolver_init (TestResolver *self)
{
  self->asked = g_ptr_array_new_with_free_func (g_free);
}

static TestResolver *resolver;
static char *base_url;
static gboolean timed_out;

/* The service knows no handle at all. */
static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  const char *json = "{\"error\":\"InvalidRequest\",\"message\":\"Unable to resolve handle\"}";

  soup_server_message_set_status (msg, 400, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, json,
                                    strlen (json));
}

static gboolean
deadline_cb (gpointer data)
{
  timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static char *
resolve (const char  *handle,
         GError     **error)
{
  g_autoptr(BylineXrpcClient) client = byline_xrpc_client_new (base_url);
  g_autoptr(GAsyncResult) result = NULL;
  guint id;

  byline_xrpc_client_resolve_handle_async (client, handle, NULL,
                                           store_result_cb, &result);
  timed_out = FALSE;
  id = g_timeout_add_seconds (30, deadline_cb, NULL);
  while (result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);

  return byline_xrpc_client_resolve_handle_finish (client, result, error);
}

static gboolean
was_asked (const char *what)
{
  for (guint i = 0; i < resolver->asked->len; i++)
    if (g_str_equal (g_ptr_array_index (resolver->asked, i), what))
      return TRUE;

  return FALSE;
}

static void
test_txt_record (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *did = NULL;
  g_autofree char *asked = g_strdup_printf ("_atproto.dns.example %d", G_RESOLVER_RECORD_TXT);

  g_ptr_array_set_size (resolver->asked, 0);
  did = resolve ("dns.example", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (did, ==, "did:plc:fromdns");
  g_assert_true (was_asked (asked));
  /* Found in DNS: the handle's web server is not asked. */
  g_assert_false (was_asked ("dns.example host"));
}

static void
test_no_txt_record (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *did = NULL;
  g_autofree char *asked = g_strdup_printf ("_atproto.nowhere.example %d",
                                            G_RESOLVER_RECORD_TXT);

  g_ptr_array_set_size (resolver->asked, 0);
  did = resolve ("nowhere.example", &error);
  g_assert_null (did);
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE);
  g_assert_true (was_asked (asked));
  /* Then https://nowhere.example/.well-known/atproto-did, whose host does not resolve. */
  g_assert_true (was_asked ("nowhere.example host"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_test_init (&argc, &argv, NULL);

  resolver = g_object_new (TEST_TYPE_RESOLVER, NULL);
  g_resolver_set_default (G_RESOLVER (resolver));

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  g_test_add_func ("/Byline/HandleDns/txt-record", test_txt_record);
  g_test_add_func ("/Byline/HandleDns/no-txt-record", test_no_txt_record);

  return g_test_run ();
}
