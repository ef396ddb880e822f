/*
 * channels.c — the channel registration table: one line per channel, in
 * priority order (an idle agent is offered to the channels in this order;
 * inbound first: an agent takes outbound work only when no inbound call is
 * waiting for it).  Callbacks come before inbound: their rule decides, per
 * free agent, whether a callback goes ahead of inbound calls or only when
 * none is for the agent (callback.c).  The back office comes last: an
 * agent takes an item only when no call, chat or dial wants it
 * (backoffice.c).  Adding a channel is its own files plus one line here.
 */
#include "model/channel.h"

#define CCS_CHANNELS(X) \
    X(callback)         \
    X(inbound)          \
    X(chat)             \
    X(dialer)           \
    X(backoffice)

#define DECLARE_(name) extern const ccs_channel ccs_##name##_channel;
CCS_CHANNELS(DECLARE_)

#define ENTRY_(name) &ccs_##name##_channel,
const ccs_channel *const ccs_channels[] = {CCS_CHANNELS(ENTRY_)};
const int ccs_n_channels = (int)(sizeof ccs_channels / sizeof ccs_channels[0]);
