/* byline-publish-job.h
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

#include "byline-account.h"
#include "byline-document.h"
#include "byline-publisher.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_PUBLISH_JOB (byline_publish_job_get_type ())

G_DECLARE_FINAL_TYPE (BylinePublishJob, byline_publish_job, BYLINE, PUBLISH_JOB, GObject)

BylinePublishJob   *byline_publish_job_new              (BylineDocument      *document,
                                                         BylineAccount       *account,
                                                         BylinePublishFlags   flags);
BylinePublishJob   *byline_publish_job_get_for_document (BylineDocument      *document);
BylineDocument     *byline_publish_job_get_document     (BylinePublishJob    *self);
BylineAccount      *byline_publish_job_get_account      (BylinePublishJob    *self);
BylinePublishFlags  byline_publish_job_get_flags        (BylinePublishJob    *self);
const char         *byline_publish_job_get_step_label   (BylinePublishJob    *self);
double              byline_publish_job_get_fraction     (BylinePublishJob    *self);
gboolean            byline_publish_job_get_running      (BylinePublishJob    *self);
gboolean            byline_publish_job_get_can_cancel   (BylinePublishJob    *self);
const GError       *byline_publish_job_get_error        (BylinePublishJob    *self);
const char         *byline_publish_job_get_record_uri   (BylinePublishJob    *self);
JsonObject         *byline_publish_job_get_conflict     (BylinePublishJob    *self);
void                byline_publish_job_cancel           (BylinePublishJob    *self);
gboolean            byline_publish_store_result         (BylineDocument      *document,
                                                         BylineMetadata      *published,
                                                         GError             **error);
gboolean            byline_publish_keep_published       (BylineDocument      *document,
                                                         JsonObject          *published,
                                                         GError             **error);
char               *byline_publish_record_url           (const char          *service,
                                                         const char          *record_uri);

G_END_DECLS
