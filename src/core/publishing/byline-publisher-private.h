/* byline-publisher-private.h
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

#pragma once

#include "byline-publisher.h"
#include "byline-record.h"

G_BEGIN_DECLS

/* Shared by the files that make up BylinePublisher, split by concern. */

struct _BylinePublisher
{
  GObject           parent_instance;

  /* Owned references */
  BylineXrpcClient *client;
  /* The published version the last publish conflicted with, as getRecord gave it */
  JsonObject       *conflict;

  /* The progress of the running publish */
  BylinePublishStep step;
  guint             n_steps;
  guint             n_started;
};

/* The task data of a running publish. */
typedef struct
{
  BylineMetadata     *metadata;
  char               *body;
  GFile              *base_dir;
  BylinePublishFlags  flags;
  char               *rkey;
  char               *swap;
  JsonObject         *cover_blob;
  char               *url;
  char               *last_published;
  char               *new_post_uri;
  JsonObject         *record;
  GError             *error;
  GPtrArray          *images;           /* GFile: the body's images, to upload */
  guint               n_images_uploaded;
  gboolean            images_listed;
  gboolean            format_chosen;    /* the site's publication was asked for a default */
} Publish;

/* byline-publisher.c */
void  _byline_publisher_set_step        (BylinePublisher   *self,
                                         BylinePublishStep  step);
char *_byline_publisher_now_datetime    (void);

/* byline-publisher-publish.c. step_put, step_announce and take_back_post take the publish's
 * task over; read_conflict adds its own reference. */
void  _byline_publisher_step_put        (GTask             *task);
void  _byline_publisher_read_conflict   (GTask             *task);

/* byline-publisher-announce.c */
void  _byline_publisher_step_announce   (GTask             *task);
void  _byline_publisher_take_back_post  (GTask             *task);

BylineRecordExportFlags _byline_publisher_record_flags (BylinePublishFlags flags);

G_END_DECLS
