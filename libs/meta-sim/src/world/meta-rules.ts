/**
 * How Meta's messaging counts relate to the people of the world (META.md §4), as explicit rules.
 *
 * For an ad A and an account-local day D, let
 *   N  = people new to the page who arrived through A on D (truth: touch source ADS, adId A, isNew),
 *        including the ones whose webhook carried no referral (truth: hasReferral false);
 *   S  = stale returns: existing threads re-opened through A on D whose previous activity is older than
 *        META_INACTIVITY_DAYS (truth: isNew false); W = warm returns (activity within that window);
 *   M  = modelled / view-through conversations, which have no person behind them.
 * Then, counting only actions that happened before the pull (pulledAt) and inside the world:
 *   messaging_conversation_started_7d = N + S + M
 *   total_messaging_connection        = N + S + W + M + G   (G = the N that opened with a Get Started postback:
 *                                                           Meta double-counts the postback and the first message)
 *   messaging_first_reply             = people of N who sent at least one message
 *   messaging_conversation_replied_7d = people of N + S who sent at least one message in that conversation
 *   messaging_user_depth_k_message_send (k = 2, 3, 5) = people of N + S who sent at least k messages in it
 *   messaging_block                   = people of N + S + W who blocked the page in that conversation
 * and what the product can observe from webhooks is N − (no-referral arrivals) + S + W: observed exceeds
 * Meta where warm returns are many, falls short where modelled and referral-less arrivals dominate.
 */
export const META_INACTIVITY_DAYS = 7;

/** Share of ad arrivals whose webhook payload carries no referral at all: Meta counts them, nobody else can. */
export const AD_REFERRAL_MISSING_RATE = 0.05;

/** Modelled (view-through, ATT-estimated) conversations as a share of new ad arrivals, Poisson-drawn. */
export const MODELLED_CONVERSATION_RATE = 0.08;

/** Share of new ad threads opened by a first message carrying the referral (the rest: Get Started postback). */
export const AD_MESSAGE_REFERRAL_SHARE = 0.45;

/** A comment private reply precedes the commenter's first message by at most this much. */
export const PRIVATE_REPLY_LEAD_MS = 2 * 3_600_000;

/** A person's first conversation fits within this span, so a return after it is cleanly warm or stale. */
export const MAX_SESSION_DAYS = 3;

/**
 * Returns: share of people who come back into their thread, and the days from first arrival to the return.
 * The first conversation ends within MAX_SESSION_DAYS, so a warm return (after the first conversation, before
 * META_INACTIVITY_DAYS from its start) always follows activity within the window, and a stale one never does.
 */
export const RETURN_RATE = 0.14;
export const WARM_RETURN_SHARE = 0.4;
export const WARM_RETURN_DAYS = [MAX_SESSION_DAYS + 0.05, META_INACTIVITY_DAYS - 0.05] as const;
export const STALE_RETURN_DAYS = [MAX_SESSION_DAYS + META_INACTIVITY_DAYS + 0.05, 90] as const;

/** Meta restates insights for this many days before a pull; older days are frozen. */
export const RESTATEMENT_DAYS = 28;
