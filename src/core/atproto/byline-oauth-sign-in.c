/* byline-oauth-sign-in.c
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

#define G_LOG_DOMAIN "byline-oauth-sign-in"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-oauth-flow.h"
#include "byline-oauth-loopback.h"
#include "byline-oauth-sign-in.h"

/*
 * One whole sign-in: a loopback listener, the flow's pushed request, the address handed to
 * whoever opens the browser (the ::open-uri signal), the redirect, and the tokens.
 */

struct _BylineOAuthSignIn
{
  GObject              parent_instance;

  /* Owned references */
  BylineXrpcClient    *resolver;
  BylineOAuthFlow     *flow;
  BylineOAuthLoopback *loopback;
  char                *client_id;
};

G_DEFINE_FINAL_TYPE (BylineOAuthSignIn, byline_oauth_sign_in, G_TYPE_OBJECT)

enum {
  OPEN_URI,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
byline_oauth_sign_in_dispose (GObject *object)
{
  BylineOAuthSignIn *self = (BylineOAuthSignIn *)object;

  if (self->loopback != NULL)
    byline_oauth_loopback_close (self->loopback);
  g_clear_object (&self->loopback);
  g_clear_object (&self->flow);
  g_clear_object (&self->resolver);

  G_OBJECT_CLASS (byline_oauth_sign_in_parent_class)->dispose (object);
}

static void
byline_oauth_sign_in_finalize (GObject *object)
{
  BylineOAuthSignIn *self = (BylineOAuthSignIn *)object;

  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (byline_oauth_sign_in_parent_class)->finalize (object);
}

static void
byline_oauth_sign_in_class_init (BylineOAuthSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_oauth_sign_in_dispose;
  object_class->finalize = byline_oauth_sign_in_finalize;

  /**
   * BylineOAuthSignIn::open-uri:
   * @self: the sign-in
   * @uri: the authorization page
   *
   * The writer's browser should open @uri now; the sign-in waits for it to come back.
   */
  signals[OPEN_URI] = g_signal_new ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
byline_oauth_sign_in_init (BylineOAuthSignIn *self)
{
}

/**
 * byline_oauth_default_client_id:
 *
 * Returns: (nullable): the https address of Byline's hosted client metadata, set at build
 *   time, or %NULL for the development loopback client
 */
const char *
byline_oauth_default_client_id (void)
{
  const char *env = g_getenv ("BYLINE_OAUTH_CLIENT_ID");

  if (env != NULL)
    return *env != '\0' ? env : NULL;
#ifdef BYLINE_OAUTH_CLIENT_ID
  return BYLINE_OAUTH_CLIENT_ID[0] != '\0' ? BYLINE_OAUTH_CLIENT_ID : NULL;
#else
  return NULL;
#endif
}

/**
 * byline_oauth_sign_in_new:
 * @resolver: a client that resolves handles and DIDs
 * @client_id: (nullable): the hosted client metadata address, or %NULL for the development
 *   loopback client
 *
 * Returns: (transfer full): a sign-in, run once
 */
BylineOAuthSignIn *
byline_oauth_sign_in_new (BylineXrpcClient *resolver,
                          const char       *client_id)
{
  BylineOAuthSignIn *self;

  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (resolver), NULL);

  self = g_object_new (BYLINE_TYPE_OAUTH_SIGN_IN, NULL);
  self->resolver = g_object_ref (resolver);
  self->client_id = g_strdup (client_id);
  self->flow = byline_oauth_flow_new (resolver, client_id);

  return self;
}

/**
 * byline_oauth_sign_in_is_development:
 *
 * Returns: whether Byline signs in as the development loopback client, which servers show
 *   as an unverified local application
 */
gboolean
byline_oauth_sign_in_is_development (BylineOAuthSignIn *self)
{
  g_return_val_if_fail (BYLINE_IS_OAUTH_SIGN_IN (self), TRUE);

  return self->client_id == NULL;
}

/**
 * byline_oauth_sign_in_is_scope_fallback:
 *
 * Returns: whether the server only offered the broad `transition:generic` scope
 */
gboolean
byline_oauth_sign_in_is_scope_fallback (BylineOAuthSignIn *self)
{
  g_return_val_if_fail (BYLINE_IS_OAUTH_SIGN_IN (self), FALSE);

  return byline_oauth_flow_is_scope_fallback (self->flow);
}

static void
completed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  BylineOAuthSession *session;

  session = byline_oauth_flow_complete_finish (BYLINE_OAUTH_FLOW (object), result, &error);
  if (session == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, session, g_object_unref);
}

static void
redirected_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineOAuthSignIn *self = g_task_get_source_object (task);
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  query = byline_oauth_loopback_wait_finish (BYLINE_OAUTH_LOOPBACK (object), result, &error);
  if (query == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  byline_oauth_flow_complete_async (self->flow, query, cancellable, completed_cb,
                                    g_steal_pointer (&task));
}

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineOAuthSignIn *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  url = byline_oauth_flow_start_finish (self->flow, result, &error);
  if (url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  byline_oauth_loopback_wait_async (self->loopback, cancellable, redirected_cb,
                                    g_object_ref (task));
  g_signal_emit (self, signals[OPEN_URI], 0, url);
}

/**
 * byline_oauth_sign_in_run_async:
 * @self: a sign-in
 * @identifier: a handle, a DID or a PDS address
 * @cancellable: (nullable): a cancellable; cancelling closes the listener
 * @callback: called with the session once the browser has come back
 * @user_data: data for @callback
 */
void
byline_oauth_sign_in_run_async (BylineOAuthSignIn   *self,
                                const char          *identifier,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BYLINE_IS_OAUTH_SIGN_IN (self));
  g_return_if_fail (identifier != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_oauth_sign_in_run_async);
  if (self->loopback != NULL)
    {
      g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_FAILED,
                               _("This sign-in has already started."));
      return;
    }
  if (!(self->loopback = byline_oauth_loopback_new (&error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  byline_oauth_flow_start_async (self->flow, identifier,
                                 byline_oauth_loopback_get_redirect_uri (self->loopback),
                                 cancellable, started_cb, g_steal_pointer (&task));
}

/**
 * byline_oauth_sign_in_run_finish:
 *
 * Returns: (transfer full): the new session
 */
BylineOAuthSession *
byline_oauth_sign_in_run_finish (BylineOAuthSignIn  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
