/* byline-xrpc-client-identity.c
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

#define G_LOG_DOMAIN "byline-xrpc-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-xrpc-client-private.h"

/*
 * Resolving identities: a handle to its DID, a DID to its document, and the document to
 * the account's PDS.
 */

static void
well_known_did_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *did = NULL;

  if (bytes != NULL)
    did = g_strstrip (g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));
  if (did == NULL || !g_str_has_prefix (did, "did:") || strchr (did, '\n') != NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE,
                               _("The handle “%s” does not belong to any account."),
                               (const char *)g_task_get_task_data (task));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&did), g_free);
}

static void
dns_records_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineXrpcClient *self = g_task_get_source_object (task);
  const char *handle = g_task_get_task_data (task);
  GList *records = g_resolver_lookup_records_finish (G_RESOLVER (object), result, NULL);
  g_autofree char *did = NULL;

  for (GList *l = records; l != NULL && did == NULL; l = l->next)
    {
      g_autofree const char **strings = NULL;

      g_variant_get (l->data, "(^a&s)", &strings);
      for (guint i = 0; strings != NULL && strings[i] != NULL && did == NULL; i++)
        if (g_str_has_prefix (strings[i], "did=did:"))
          did = g_strdup (strings[i] + 4);
    }
  g_list_free_full (records, (GDestroyNotify)g_variant_unref);

  if (did != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&did), g_free);
      return;
    }

  _byline_xrpc_client_start_request (self, "GET",
                                     g_strdup_printf ("https://%s/.well-known/atproto-did", handle),
                                     NULL, NULL, NULL, AUTH_NONE, g_task_get_cancellable (task),
                                     well_known_did_cb, g_object_ref (task));
}

static void
resolve_handle_dns (GTask *task)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autofree char *name = g_strdup_printf ("_atproto.%s",
                                           (const char *)g_task_get_task_data (task));

  g_resolver_lookup_records_async (resolver, name, G_RESOLVER_RECORD_TXT,
                                   g_task_get_cancellable (task), dns_records_cb,
                                   g_object_ref (task));
}

static void
resolve_handle_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BylineXrpcClient *self = BYLINE_XRPC_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (self, result, &error);
  const char *did;

  if (answer != NULL && (did = json_object_get_string_member_with_default (answer, "did", NULL)))
    {
      g_task_return_pointer (task, g_strdup (did), g_free);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The service does not know it: the handle's DNS TXT record, then its web server. */
  resolve_handle_dns (task);
}

/**
 * byline_xrpc_client_resolve_handle_async:
 * @self: a client
 * @handle: a handle such as `alice.example.com`
 * @cancellable: (nullable): a cancellable
 * @callback: called with the DID
 * @user_data: data for @callback
 *
 * Resolves a handle to a DID with `com.atproto.identity.resolveHandle` on the service, then
 * through the DNS TXT record `_atproto.HANDLE`, then `https://HANDLE/.well-known/atproto-did`.
 */
void
byline_xrpc_client_resolve_handle_async (BylineXrpcClient    *self,
                                         const char          *handle,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  const char *service;
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;
  GTask *task;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (handle != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_xrpc_client_resolve_handle_async);
  g_task_set_task_data (task, g_strdup (handle), g_free);
  escaped = g_uri_escape_string (handle, NULL, FALSE);
  query = g_strdup_printf ("handle=%s", escaped);
  service = self->service ? self->service : "https://public.api.bsky.app";
  _byline_xrpc_client_start_request (self, "GET",
                                     _byline_xrpc_build_url (service,
                                                             "com.atproto.identity.resolveHandle",
                                                             query),
                                     "com.atproto.identity.resolveHandle", NULL, NULL, AUTH_NONE,
                                     cancellable, _byline_xrpc_client_object_request_cb,
                                     g_task_new (self, cancellable, resolve_handle_cb, task));
}

char *
byline_xrpc_client_resolve_handle_finish (BylineXrpcClient  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
did_document_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = g_task_propagate_pointer (G_TASK (result), &error);

  if (document == NULL)
    {
      if (g_error_matches (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_NOT_FOUND))
        g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE,
                                 _("No account has the identifier “%s”."),
                                 (const char *)g_task_get_task_data (task));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&document), (GDestroyNotify)json_object_unref);
}

/**
 * byline_xrpc_client_resolve_did_async:
 * @self: a client
 * @did: a `did:plc` or `did:web` identifier
 * @cancellable: (nullable): a cancellable
 * @callback: called with the DID document
 * @user_data: data for @callback
 *
 * Fetches a DID document: `did:plc` from the client's PLC directory, `did:web` from
 * `https://HOST/.well-known/did.json` (plain HTTP for `localhost` only).
 */
void
byline_xrpc_client_resolve_did_async (BylineXrpcClient    *self,
                                      const char          *did,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  char *url = NULL;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (did != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_xrpc_client_resolve_did_async);
  g_task_set_task_data (task, g_strdup (did), g_free);

  if (g_str_has_prefix (did, "did:plc:"))
    url = g_strdup_printf ("%s/%s", self->plc_directory, did);
  else if (g_str_has_prefix (did, "did:web:") && strchr (did + 8, ':') == NULL)
    {
      g_autofree char *host = g_uri_unescape_string (did + 8, NULL);

      url = g_strdup_printf ("%s://%s/.well-known/did.json",
                             g_str_has_prefix (host, "localhost") ? "http" : "https", host);
    }

  if (url == NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE,
                               _("“%s” is not a DID Byline can resolve."), did);
      g_object_unref (task);
      return;
    }

  _byline_xrpc_client_start_request (self, "GET", url, NULL, NULL, NULL, AUTH_NONE, cancellable,
                                     _byline_xrpc_client_object_request_cb,
                                     g_task_new (self, cancellable, did_document_cb, task));
}

/**
 * byline_xrpc_client_resolve_did_finish:
 *
 * Returns: (transfer full): the DID document
 */
JsonObject *
byline_xrpc_client_resolve_did_finish (BylineXrpcClient  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * byline_xrpc_did_document_get_pds:
 * @did_document: a DID document
 *
 * Returns: (transfer full) (nullable): the endpoint of the `#atproto_pds` service
 */
char *
byline_xrpc_did_document_get_pds (JsonObject *did_document)
{
  JsonArray *services;

  g_return_val_if_fail (did_document != NULL, NULL);

  if (!json_object_has_member (did_document, "service")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (did_document, "service")))
    return NULL;
  services = json_object_get_array_member (did_document, "service");
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonNode *node = json_array_get_element (services, i);
      JsonObject *service;
      const char *id;
      const char *endpoint;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      service = json_node_get_object (node);
      id = json_object_get_string_member_with_default (service, "id", "");
      endpoint = json_object_get_string_member_with_default (service, "serviceEndpoint", NULL);
      if (g_str_has_suffix (id, "#atproto_pds") && endpoint != NULL
          && (g_str_has_prefix (endpoint, "https://") || g_str_has_prefix (endpoint, "http://")))
        return _byline_xrpc_strip_slash (endpoint);
    }

  return NULL;
}

